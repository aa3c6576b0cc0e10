import type { z } from 'zod';
import type { Config } from '@/lib/config';
import type { AppContext } from '@/lib/services/context';

/** How a kind of job is retried and how long one run may take before the queue assumes its worker died. */
export interface JobPolicy {
  /** Retries after the first run (so a job runs at most retryLimit + 1 times). */
  retryLimit: number;
  /** Base delay; with `backoff` retry n waits between delay·2^(n-1) and delay·2^n seconds (pg-boss adds the jitter). */
  retryDelaySeconds: number;
  backoff: boolean;
  expireInSeconds: number;
}

/**
 * What senders need to know about a kind of job: its queue name and payload schema, and its retry policy. Handlers
 * live apart (lib/jobs/handlers), so code that only enqueues never imports what running a job needs.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  /** Queue name: lowercase letters, digits and `-`. */
  name: string;
  payload: S;
  policy(config: Config): JobPolicy;
  /** `singleton`: at most one job of this kind runs at a time across every process (pg-boss's queue policy). */
  queuePolicy?: 'standard' | 'singleton';
}

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(definition.name)) throw new Error(`invalid job name "${definition.name}"`);
  return definition;
}

/** One run of a job, as its handler sees it. */
export interface JobRun {
  id: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  /** No retry follows if this run fails. */
  isLastAttempt: boolean;
}

export interface JobHandler<S extends z.ZodType = z.ZodType> {
  definition: JobDefinition<S>;
  /** Runs of this kind one process works on at once. */
  concurrency(config: Config): number;
  /** Throwing fails the run, so it is retried per the policy; returning completes the job. */
  handle(app: AppContext, payload: z.infer<S>, run: JobRun): Promise<void>;
}

export function defineHandler<S extends z.ZodType>(handler: JobHandler<S>): JobHandler<S> {
  return handler;
}

/**
 * Periodic work, run once per period across every instance: each period becomes one job on the queue (queue
 * `periodic-<name>`), whichever worker takes it. Either every `everySeconds` (re-enqueueing what a crash left
 * behind), or on a cron schedule in UTC that the configuration may turn off (null).
 */
export interface PeriodicTask {
  name: string;
  everySeconds?: number;
  cron?: (config: Config) => string | null;
  /** Longest one run may take before the queue presumes its worker died (default 15 minutes). */
  expireInSeconds?: number;
  run(app: AppContext): Promise<void>;
}
