import { z } from 'zod';
import { defineJob } from '../define-job';

/**
 * Scans one image (a `scans` row): every layer of every platform, streamed from storage. The job id is the scan id,
 * so a scan is queued at most once. A run that outlives its expiry is presumed dead (its worker crashed) and retried
 * from the start; a corrupt image fails the scan without a retry (the handler returns), so retries are only for
 * infrastructure trouble such as the database going away.
 */
export const scanImageJob = defineJob({
  name: 'scan-image',
  payload: z.object({ scanId: z.uuid() }),
  policy: () => ({ retryLimit: 2, retryDelaySeconds: 30, backoff: true, expireInSeconds: 30 * 60 }),
});
