import { jobQueueOf } from '@/lib/jobs/app-job-queue';
import { scanImageJob } from '@/lib/jobs/definitions/scan-image';
import type { AppContext } from '@/lib/services/context';

/**
 * Queues the job of scans committed as `queued`, then marks them enqueued: the outbox pattern of webhook events. The
 * job id is the scan id, so a second send (the sweeper racing this) is a no-op. Never throws: a scan left un-enqueued
 * (no queue in this process, database trouble) is picked up by a worker's scan sweeper. Returns whether it queued.
 */
export async function enqueueScans(app: AppContext, scanIds: readonly string[]): Promise<boolean> {
  const queue = jobQueueOf(app);
  if (!queue || scanIds.length === 0) return false;
  try {
    for (const scanId of scanIds) await queue.send(scanImageJob, { scanId }, { id: scanId });
    await app.db.scan.updateMany({ where: { id: { in: [...scanIds] }, enqueuedAt: null }, data: { enqueuedAt: new Date() } });
    return true;
  } catch (err) {
    console.error(`[berth] scans not queued yet, the scan sweeper will: ${(err as Error)?.message ?? err}`);
    return false;
  }
}
