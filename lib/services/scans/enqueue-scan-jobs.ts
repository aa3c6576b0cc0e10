import { scanImageJob } from '@/lib/jobs/definitions/scan-image';
import { outboxEnqueuer } from '@/lib/jobs/outbox';

/**
 * Queues the job of scans committed as `queued`, then marks them enqueued: the outbox pattern of webhook events. The
 * job id is the scan id, so a second send (the sweeper racing this) is a no-op. Never throws: a scan left un-enqueued
 * (no queue in this process, database trouble) is picked up by a worker's scan sweeper. Returns whether it queued.
 */
export const enqueueScans = outboxEnqueuer({
  job: scanImageJob,
  payload: (scanId) => ({ scanId }),
  markEnqueued: (app, ids) => app.db.scan.updateMany({ where: { id: { in: ids }, enqueuedAt: null }, data: { enqueuedAt: new Date() } }),
  unqueued: 'scans not queued yet, the scan sweeper will',
});
