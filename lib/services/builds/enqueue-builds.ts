import { runBuildJob } from '@/lib/jobs/definitions/run-build';
import { outboxEnqueuer } from '@/lib/jobs/outbox';

/** Queues the run-build jobs of builds committed as queued (the outbox pattern scans use); job id = build id. */
export const enqueueBuilds = outboxEnqueuer({
  job: runBuildJob,
  payload: (buildId) => ({ buildId }),
  markEnqueued: (app, ids) => app.db.build.updateMany({ where: { id: { in: ids }, enqueuedAt: null }, data: { enqueuedAt: new Date() } }),
  unqueued: 'builds not queued yet, the build sweeper will',
});
