import type { z } from 'zod';
import type { AppContext } from '@/lib/services/context';
import { jobQueueOf } from './app-job-queue';
import type { JobDefinition } from './define-job';

// A row committed this recently is still being enqueued by the request that made it.
const GRACE_MS = 5_000;

/** A table of rows committed as work to do, each then run by one job: builds, scans, webhook events. */
export interface Outbox<S extends z.ZodType> {
  job: JobDefinition<S>;
  payload: (id: string) => z.infer<S>;
  /** Stamps the rows' enqueuedAt, so the sweeper leaves them be. */
  markEnqueued: (app: AppContext, ids: string[]) => Promise<unknown>;
  /** Logged when queueing fails, naming who queues the rows instead: `builds not queued yet, the build sweeper will`. */
  unqueued: string;
}

/**
 * The enqueue function of an outbox: queues the jobs of rows, after the transaction that wrote them committed, then
 * marks them enqueued. The job id is the row id, so a second send (the sweeper racing this) is a no-op. Never throws:
 * a row left un-enqueued (no queue in this process, database trouble) is picked up by a worker's sweeper. Returns
 * whether the jobs were queued.
 */
export function outboxEnqueuer<S extends z.ZodType>(outbox: Outbox<S>): (app: AppContext, ids: readonly string[]) => Promise<boolean> {
  return async (app, ids) => {
    const queue = jobQueueOf(app);
    if (!queue || ids.length === 0) return false;
    try {
      for (const id of ids) await queue.send(outbox.job, outbox.payload(id), { id });
      await outbox.markEnqueued(app, [...ids]);
      return true;
    } catch (err) {
      console.error(`[berth] ${outbox.unqueued}: ${(err as Error)?.message ?? err}`);
      return false;
    }
  };
}

/**
 * A sweeper's catch-up: enqueues the rows `pending` finds, `batch` at a time, until it finds fewer than a batch or
 * enqueueing fails (no queue in this process, database trouble: the next sweep tries again).
 */
export async function drainOutbox(
  batch: number,
  pending: (take: number) => Promise<Array<{ id: string }>>,
  enqueue: (ids: string[]) => Promise<boolean>,
): Promise<void> {
  for (;;) {
    const rows = await pending(batch);
    const queued = await enqueue(rows.map((r) => r.id));
    if (!queued || rows.length < batch) break;
  }
}

/** For a sweeper's query: rows committed as queued that their request did not enqueue within its grace period. */
export function leftQueued() {
  return { status: 'queued', enqueuedAt: null, createdAt: { lt: new Date(Date.now() - GRACE_MS) } };
}
