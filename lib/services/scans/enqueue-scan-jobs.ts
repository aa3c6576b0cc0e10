import { scanImageJob } from '@/lib/jobs/definitions/scan-image';
import { outboxEnqueuer } from '@/lib/jobs/outbox';

/** Queues the scan-image jobs of scans committed as `queued` (the webhook events' outbox pattern); job id = scan id. */
export const enqueueScans = outboxEnqueuer({
  job: scanImageJob,
  payload: (scanId) => ({ scanId }),
  markEnqueued: (app, ids) => app.db.scan.updateMany({ where: { id: { in: ids }, enqueuedAt: null }, data: { enqueuedAt: new Date() } }),
  unqueued: 'scans not queued yet, the scan sweeper will',
});
