import type { OverviewDto } from '@/lib/schemas/overview';
import type { AppContext } from '@/lib/services/context';
import { vulnDataUpdatedAt } from '@/lib/services/vulndb/vuln-data-updated-at';

type QueueRow = { name: string; queued: number; active: number; failed: number };

/** What an installation administrator watches: stored bytes, the job queues, and how old the vulnerability data is. */
export async function loadAdminOverview(app: AppContext): Promise<NonNullable<OverviewDto['admin']>> {
  const [storage, jobQueues, updatedAt, records] = await Promise.all([
    app.db.$queryRaw<Array<{ blobs: number; bytes: string }>>`SELECT COUNT(*)::int AS blobs, COALESCE(SUM(size), 0)::text AS bytes FROM blobs`,
    loadJobQueues(app),
    vulnDataUpdatedAt(app),
    app.db.vulnRecord.count(),
  ]);
  return {
    storage: { blobs: storage[0]?.blobs ?? 0, bytes: Number(storage[0]?.bytes ?? 0) },
    jobQueues,
    vulnerabilityData: { updatedAt: updatedAt?.toISOString() ?? null, totalRecords: records },
  };
}

/**
 * Per pg-boss queue: jobs waiting, running, and failed for good in the last day. pg-boss's schema exists once a job
 * queue has started against this database; before that there is nothing to report. The conditions match pg-boss's
 * own partial indexes (state below active) or are bounded by time, so this stays cheap as completed jobs pile up.
 */
async function loadJobQueues(app: AppContext): Promise<NonNullable<OverviewDto['admin']>['jobQueues']> {
  const [installed] = await app.db.$queryRaw<Array<{ ok: boolean }>>`SELECT to_regclass('pgboss.job') IS NOT NULL AS ok`;
  if (!installed?.ok) return [];
  const rows = await app.db.$queryRaw<QueueRow[]>`
    SELECT q.name,
      COUNT(j.id) FILTER (WHERE j.state IN ('created', 'retry'))::int AS queued,
      COUNT(j.id) FILTER (WHERE j.state = 'active')::int AS active,
      COUNT(j.id) FILTER (WHERE j.state = 'failed')::int AS failed
    FROM pgboss.queue q
    LEFT JOIN pgboss.job j ON j.name = q.name
      AND (j.state IN ('created', 'retry', 'active') OR (j.state = 'failed' AND j.completed_on > now() - interval '24 hours'))
    GROUP BY q.name
    ORDER BY q.name`;
  return rows.map((r) => ({ name: r.name, queued: r.queued, active: r.active, failed24h: r.failed }));
}
