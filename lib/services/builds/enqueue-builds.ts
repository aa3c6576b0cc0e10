import { jobQueueOf } from '@/lib/jobs/app-job-queue';
import { runBuildJob } from '@/lib/jobs/definitions/run-build';
import type { AppContext } from '@/lib/services/context';

/**
 * Queues the jobs of builds committed as queued, then marks them enqueued (the outbox pattern scans use). The job id
 * is the build id, so a second send is a no-op. Never throws: what is left is picked up by a worker's build sweeper.
 */
export async function enqueueBuilds(app: AppContext, buildIds: readonly string[]): Promise<boolean> {
  const queue = jobQueueOf(app);
  if (!queue || buildIds.length === 0) return false;
  try {
    for (const buildId of buildIds) await queue.send(runBuildJob, { buildId }, { id: buildId });
    await app.db.build.updateMany({ where: { id: { in: [...buildIds] }, enqueuedAt: null }, data: { enqueuedAt: new Date() } });
    return true;
  } catch (err) {
    console.error(`[berth] builds not queued yet, the build sweeper will: ${(err as Error)?.message ?? err}`);
    return false;
  }
}
