import type { z } from 'zod';
import type { AppContext } from '@/lib/services/context';
import type { JobDefinition } from './define-job';

/** What services use to enqueue: nothing of pg-boss leaks past this. */
export interface JobQueue {
  /**
   * Queues a job. With `id`, sending the same id again while the job exists is a no-op (returns null), which makes
   * enqueueing from an outbox row idempotent. `retryLimit` overrides the definition's policy for this job.
   */
  send<S extends z.ZodType>(definition: JobDefinition<S>, payload: z.infer<S>, opts?: { id?: string; retryLimit?: number }): Promise<string | null>;
}

// The queue is a field of the AppContext, not module state: Next bundles its own copy of every module, so a
// module-level variable would not be shared between the server (which starts the queue) and the route handlers.
export function attachJobQueue(app: AppContext, queue: JobQueue | undefined): void {
  app.jobs = queue;
}

/** The process's job queue, or undefined when none runs here (then the outbox sweeper of a worker enqueues). */
export function jobQueueOf(app: AppContext): JobQueue | undefined {
  return app.jobs;
}
