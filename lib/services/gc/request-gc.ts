import { runGcJob } from '@/lib/jobs/definitions/run-gc';
import { jobQueueOf } from '@/lib/jobs/app-job-queue';
import type { GcRunDto, RequestGcInput } from '@/lib/schemas/gc';
import { actorName, type Actor, type AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { toGcRunDto } from './gc-run-dto';
import { requireStorageAdmin } from './require-storage-admin';
import { auditResource } from '@/lib/services/access/audit-resource';

/** An administrator asks for a garbage collection run: queued at once, run by a worker (one at a time). */
export async function requestGc(app: AppContext, input: { actor: Actor; options: RequestGcInput }): Promise<GcRunDto> {
  await requireStorageAdmin(app, input.actor);
  const run = await queueGcRun(app, { ...input.options, trigger: 'manual', requestedBy: actorName(input.actor) });
  await recordAuditEvent(app, {
    actor: input.actor,
    action: 'cr:ManageStorage',
    ...auditResource(app, { kind: 'gc-run', id: run.id }),
    outcome: 'allowed',
    detail: { op: 'request-gc', ...input.options },
  });
  return run;
}

/**
 * Writes a queued run and sends its job. Without a queue in this process (a web instance with the worker off) the
 * run stays queued for `sweepGcRuns` on a worker to send.
 */
export async function queueGcRun(
  app: AppContext,
  input: RequestGcInput & { trigger: 'manual' | 'schedule'; requestedBy: string },
): Promise<GcRunDto> {
  const row = await app.db.gcRun.create({
    data: {
      trigger: input.trigger,
      requestedBy: input.requestedBy,
      dryRun: input.dryRun,
      deleteUntagged: input.deleteUntagged,
      gracePeriodSeconds: input.gracePeriodSeconds,
    },
  });
  await jobQueueOf(app)?.send(runGcJob, { runId: row.id }, { id: row.id });
  return toGcRunDto(row);
}
