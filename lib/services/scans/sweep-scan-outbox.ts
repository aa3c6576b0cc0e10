import { drainOutbox, leftQueued } from '@/lib/jobs/outbox';
import type { AppContext } from '@/lib/services/context';
import { enqueueScans } from './enqueue-scan-jobs';
import { finishScan } from './finish-scan';

const BATCH = 200;
// Far beyond what a scan's attempts can take (three runs of at most 30 minutes, and the waits between them): a scan
// still unfinished by then lost its job (its worker died on the last attempt), and would block new requests for it.
const ABANDONED_MS = 6 * 3600_000;

/**
 * The scan sweeper, run by every worker at start and then periodically: queues scans committed as queued but never
 * enqueued (the process died between commit and enqueue, or had no queue), and fails scans abandoned long ago.
 * Safe to run in several workers at once: enqueueing is idempotent, and only an unfinished scan can be failed.
 */
export async function sweepScanOutbox(app: AppContext): Promise<void> {
  await drainOutbox(
    BATCH,
    (take) => app.db.scan.findMany({ where: leftQueued(), select: { id: true }, orderBy: { createdAt: 'asc' }, take }),
    (ids) => enqueueScans(app, ids),
  );
  const before = new Date(Date.now() - ABANDONED_MS);
  const abandoned = await app.db.scan.findMany({
    where: { OR: [{ status: 'running', startedAt: { lt: before } }, { status: 'queued', enqueuedAt: { lt: before } }] },
    select: { id: true },
    take: BATCH,
  });
  for (const { id } of abandoned) {
    await finishScan(app, id, { status: 'failed', error: 'the scan was abandoned: no worker finished it; request a new scan' });
  }
}
