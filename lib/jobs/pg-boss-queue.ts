import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Config } from '@/lib/config';
import type { AppContext } from '@/lib/services/context';
import type { JobQueue } from './app-job-queue';
import type { JobDefinition, JobHandler } from './define-job';

/**
 * The durable job queue: pg-boss 10, in the same Postgres as everything else. Why pg-boss:
 * - jobs are rows in our own database (no Redis or broker to run), fetched with SELECT … FOR UPDATE SKIP LOCKED, so
 *   several Berth instances share the work and no job runs twice at once;
 * - jobs survive restarts, and a run whose worker died is expired and retried;
 * - retries with exponential backoff and jitter are built in, per job;
 * - it runs on Node 20 (graphile-worker 0.18, the other Postgres-native choice, needs Node 22).
 */
export class PgBossQueue implements JobQueue {
  private readonly workerIds = new Map<string, string[]>();

  private constructor(
    private readonly boss: PgBoss,
    private readonly config: Config,
    private readonly log: (line: string) => void,
  ) {}

  /** Connects, installs or upgrades pg-boss's schema (`pgboss`), and creates a queue per definition. */
  static async start(input: {
    url: string;
    config: Config;
    definitions: readonly JobDefinition[];
    /** Also run pg-boss's maintenance (expiring stuck runs, archiving): what a worker process does. */
    supervise: boolean;
    log: (line: string) => void;
  }): Promise<PgBossQueue> {
    const boss = new PgBoss({
      connectionString: input.url,
      max: input.supervise ? 6 : 2,
      application_name: 'berth-jobs',
      supervise: input.supervise,
      // Cron schedules are not used: periodic work runs in start-jobs.ts.
      schedule: false,
    });
    // An 'error' event without a listener would crash the process; pg-boss recovers from these by itself.
    boss.on('error', (err) => input.log(`job queue error: ${err.message}`));
    await boss.start();
    for (const d of input.definitions) await boss.createQueue(d.name);
    return new PgBossQueue(boss, input.config, input.log);
  }

  async send<S extends z.ZodType>(definition: JobDefinition<S>, payload: z.infer<S>, opts: { id?: string; retryLimit?: number } = {}): Promise<string | null> {
    const policy = definition.policy(this.config);
    const id = await this.boss.send(definition.name, definition.payload.parse(payload) as object, {
      ...(opts.id ? { id: opts.id } : {}),
      retryLimit: opts.retryLimit ?? policy.retryLimit,
      retryDelay: policy.retryDelaySeconds,
      retryBackoff: policy.backoff,
      expireInSeconds: policy.expireInSeconds,
    });
    // A worker in this process need not wait for its next poll.
    for (const workerId of this.workerIds.get(definition.name) ?? []) this.boss.notifyWorker(workerId);
    return id;
  }

  /** Starts `concurrency` pollers for a kind of job; each runs one job at a time. */
  async work<S extends z.ZodType>(app: AppContext, handler: JobHandler<S>): Promise<void> {
    const { definition } = handler;
    const ids: string[] = [];
    for (let i = 0; i < handler.concurrency(this.config); i++) {
      const id = await this.boss.work<object>(
        definition.name,
        { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: this.config.jobPollSeconds },
        async ([job]) => {
          if (!job) return;
          const parsed = definition.payload.safeParse(job.data);
          if (!parsed.success) {
            // Retrying cannot fix a payload, so the job is completed and logged instead.
            this.log(`job ${definition.name} ${job.id}: invalid payload dropped: ${parsed.error.message}`);
            return;
          }
          const run = { id: job.id, attempt: job.retryCount + 1, isLastAttempt: job.retryCount >= job.retryLimit };
          try {
            await handler.handle(app, parsed.data, run);
          } catch (err) {
            this.log(`job ${definition.name} ${job.id} attempt ${run.attempt} failed: ${(err as Error)?.message ?? err}`);
            throw err;
          }
        },
      );
      ids.push(id);
    }
    this.workerIds.set(definition.name, [...(this.workerIds.get(definition.name) ?? []), ...ids]);
  }

  /** Stops polling, waits up to `timeoutMs` for running jobs (then fails them, so they are retried), disconnects. */
  async stop(timeoutMs = 15_000): Promise<void> {
    this.workerIds.clear();
    await this.boss.stop({ graceful: true, wait: true, close: true, timeout: timeoutMs });
  }
}
