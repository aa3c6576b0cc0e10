import { z } from 'zod';
import { runTimeFields } from './fields';

// Garbage collection (lib/services/gc): `POST /api/v1/gc` asks for a run, `GET /api/v1/gc/runs[/{id}]` follows it.

export const MAX_GRACE_PERIOD_SECONDS = 365 * 86_400;
export const DEFAULT_GRACE_PERIOD_SECONDS = 3600;

export const requestGcSchema = z
  .object({
    /** Also delete manifests no tag, index or kept referrer reaches (else only blobs nothing references go). */
    deleteUntagged: z.boolean().default(false),
    /** Nothing pushed or uploaded more recently than this is deleted: pushes in progress finish first. */
    gracePeriodSeconds: z.number().int().min(0).max(MAX_GRACE_PERIOD_SECONDS).default(DEFAULT_GRACE_PERIOD_SECONDS),
    /** Count what would go without deleting anything. */
    dryRun: z.boolean().default(false),
  })
  .strict();
export type RequestGcInput = z.infer<typeof requestGcSchema>;

export const gcRunSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  trigger: z.enum(['manual', 'schedule']),
  requestedBy: z.string(),
  dryRun: z.boolean(),
  deleteUntagged: z.boolean(),
  gracePeriodSeconds: z.number(),
  /** Deleted, or for a dry run would be deleted. */
  manifestsDeleted: z.number(),
  blobsDeleted: z.number(),
  /** Bytes of blob storage freed (or that would be). */
  bytesFreed: z.number(),
  /** Problems that did not stop the run, and for a failed run why it failed. */
  errors: z.array(z.string()),
  ...runTimeFields,
  durationMs: z.number().nullable(),
});
export type GcRunDto = z.infer<typeof gcRunSchema>;

export const gcRunListSchema = z.object({
  runs: z.array(gcRunSchema),
  /** The cron schedule of automatic runs (UTC), or null when they are off (`BERTH_GC_SCHEDULE=off`). */
  schedule: z.string().nullable(),
});
export type GcRunListDto = z.infer<typeof gcRunListSchema>;
