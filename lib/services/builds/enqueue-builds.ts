import { runBuildJob } from '@/lib/jobs/definitions/run-build';
import { outboxEnqueuer } from '@/lib/jobs/outbox';

/**
 * Queues the jobs of builds committed as queued, then marks them enqueued (the outbox pattern scans use). The job id
 * is the build id, so a second send is a no-op. Never throws: what is left is picked up by a worker's build sweeper.
 */
export const enqueueBuilds = outboxEnqueuer({
  job: runBuildJob,
  payload: (buildId) => ({ buildId }),
  markEnqueued: (app, ids) => app.db.build.updateMany({ where: { id: { in: ids }, enqueuedAt: null }, data: { enqueuedAt: new Date() } }),
  unqueued: 'builds not queued yet, the build sweeper will',
});
