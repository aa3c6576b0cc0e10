import { runGcJob } from '@/lib/jobs/definitions/run-gc';
import { jobQueueOf } from '@/lib/jobs/app-job-queue';
import type { AppContext } from '@/lib/services/context';
import { queueGcRun } from './request-gc';

// A run of the queue's job is presumed dead once it has been "running" this long with no finish (its expiry).
const RUNNING_EXPIRY_MS = 6 * 3600_000;

/**
 * Periodic: sends the job of runs left queued (asked for where no queue runs, or lost before it was sent; the job id
 * is the run id, so sending twice is harmless), and marks failed the runs whose worker died mid-way.
 */
export async function sweepGcRuns(app: AppContext): Promise<void> {
  const queue = jobQueueOf(app);
  const queued = await app.db.gcRun.findMany({ where: { status: 'queued', createdAt: { lt: new Date(Date.now() - 5_000) } }, select: { id: true }, take: 100 });
  for (const run of queued) await queue?.send(runGcJob, { runId: run.id }, { id: run.id });
  await app.db.gcRun.updateMany({
    where: { status: 'running', startedAt: { lt: new Date(Date.now() - RUNNING_EXPIRY_MS) } },
    data: { status: 'failed', finishedAt: new Date(), errors: ['the process running this collection stopped before it finished; nothing it had not finished was deleted'] },
  });
}

/** The schedule's run (`BERTH_GC_SCHEDULE`): untagged manifests and unreferenced blobs older than an hour. */
export async function scheduledGc(app: AppContext): Promise<void> {
  await queueGcRun(app, { trigger: 'schedule', requestedBy: 'system', deleteUntagged: true, gracePeriodSeconds: 3600, dryRun: false });
}
