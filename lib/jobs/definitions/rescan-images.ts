import { z } from 'zod';
import { defineJob } from '../define-job';

/**
 * Queues rescans of the images in use after an import changed the vulnerability data. The job id is the import's id,
 * so one import asks once; the scans it queues are ordinary scan-image jobs.
 */
export const rescanImagesJob = defineJob({
  name: 'rescan-images',
  payload: z.object({ importId: z.uuid() }),
  policy: () => ({ retryLimit: 2, retryDelaySeconds: 30, backoff: true, expireInSeconds: 10 * 60 }),
});
