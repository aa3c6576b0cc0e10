import { rm } from 'node:fs/promises';
import path from 'node:path';
import { drainOutbox, leftQueued } from '@/lib/jobs/outbox';
import type { AppContext } from '@/lib/services/context';
import { enqueueBuilds } from './enqueue-builds';
import { buildsDir } from './execute-build';

const BATCH = 100;
// A running build's worker writes a heartbeat every second: this long without one means the worker is gone.
export const STALE_HEARTBEAT_MS = 15_000;

/**
 * The build sweeper, run by every worker at start and then periodically: queues builds committed but never
 * enqueued, and fails running builds whose worker stopped beating (a restart or crash mid-build) as "interrupted",
 * rather than leaving them running forever. Their buildah died with the worker (setpriv --pdeathsig).
 */
export async function sweepBuilds(app: AppContext): Promise<void> {
  await drainOutbox(
    BATCH,
    (take) => app.db.build.findMany({ where: leftQueued(), select: { id: true }, orderBy: { createdAt: 'asc' }, take }),
    (ids) => enqueueBuilds(app, ids),
  );
  const stale = { status: 'running', heartbeatAt: { lt: new Date(Date.now() - STALE_HEARTBEAT_MS) } };
  const interrupted = await app.db.build.findMany({ where: stale, select: { id: true }, take: BATCH });
  if (interrupted.length === 0) return;
  await app.db.build.updateMany({
    where: { ...stale, id: { in: interrupted.map((b) => b.id) } },
    data: { status: 'failed', error: 'interrupted: the worker running this build stopped (restart or crash); run it again', finishedAt: new Date() },
  });
  // Its work directory, when the worker was on this machine (a shared data directory): the source and credentials.
  for (const { id } of interrupted) await rm(path.join(buildsDir(app), 'work', id), { recursive: true, force: true }).catch(() => undefined);
}
