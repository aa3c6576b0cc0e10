import { z } from 'zod';

// Field groups that several response shapes hold with the same meaning, spread into each (`...runTimeFields`).

/** A tag and the image (manifest digest) it points at, in a repository named in full (`team/app`). */
export const taggedImageFields = { repository: z.string(), tag: z.string(), digest: z.string() };

/**
 * When a job run in the background (a scan, a build, a garbage collection run) was queued, started and finished;
 * the last two are null until it has.
 */
export const runTimeFields = {
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
};
