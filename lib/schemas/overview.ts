import { z } from 'zod';
import { taggedImageFields } from './fields';

// The console's start page (`GET /api/v1/overview`): what the caller can reach and what needs attention, each list
// short and bounded so the page stays fast however many repositories the installation holds.

export const overviewPushSchema = z.object({
  ...taggedImageFields,
  pushedAt: z.string(),
  pushedBy: z.string().nullable(),
});

/** `tag` is one that points at the image (the most recently pushed one), for the link to its report. */
export const overviewVulnerableImageSchema = z.object({
  ...taggedImageFields,
  /** Null on scans finished before the Critical level existed (their critical findings are counted in `high`). */
  critical: z.number().nullable(),
  high: z.number(),
  scannedAt: z.string().nullable(),
});

export const overviewDeliveryFailureSchema = z.object({
  deliveryId: z.string(),
  webhookId: z.string(),
  webhookName: z.string(),
  namespace: z.string(),
  /** Null for a namespace-wide webhook. */
  repository: z.string().nullable(),
  eventType: z.string(),
  status: z.enum(['failed', 'refused']),
  failedAt: z.string(),
});

export const overviewQuotaSchema = z.object({ namespace: z.string(), usedBytes: z.number(), quotaBytes: z.number() });

export const overviewJobQueueSchema = z.object({
  name: z.string(),
  /** Waiting to run (created or waiting for a retry). */
  queued: z.number(),
  active: z.number(),
  /** Failed for good in the last 24 hours. */
  failed24h: z.number(),
});

export const overviewSchema = z.object({
  namespaceCount: z.number(),
  repositoryCount: z.number(),
  /** Namespaces with a storage quota that the caller administers, the fullest first (at most 10). */
  quotas: z.array(overviewQuotaSchema),
  /** The newest pushes to repositories the caller may read (at most 10). */
  recentPushes: z.array(overviewPushSchema),
  /** Tagged images with the most Critical, then High, findings that the caller may read reports of (at most 5). */
  vulnerableImages: z.array(overviewVulnerableImageSchema),
  /** The newest failed or refused webhook deliveries of namespaces and repositories the caller administers (at most 10). */
  deliveryFailures: z.array(overviewDeliveryFailureSchema),
  /** Installation administrators only; absent for everyone else. */
  admin: z
    .object({
      storage: z.object({ blobs: z.number(), bytes: z.number() }),
      /** Per job queue; empty when no job queue was ever installed (no worker has run). */
      jobQueues: z.array(overviewJobQueueSchema),
      vulnerabilityData: z.object({
        /** When records were last added or changed; null when there are none. */
        updatedAt: z.string().nullable(),
        totalRecords: z.number(),
      }),
    })
    .optional(),
});
export type OverviewDto = z.infer<typeof overviewSchema>;
