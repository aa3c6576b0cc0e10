import pg from 'pg';
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Config } from '@/lib/config';
import { withSessionLock } from '@/lib/db/session-lock';
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
  private listener: JobListener | null = null;
  private stopping = false;

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
      // Cron schedules of periodic tasks (start-jobs.ts): pg-boss sends each due job once across instances.
      schedule: input.supervise,
    });
    const queue = new PgBossQueue(boss, input.config, input.log);
    // An 'error' event without a listener would crash the process; pg-boss recovers from these by itself. Once the
    // queue is stopping, its closing connections may still hear the database shut down right after: not news.
    boss.on('error', (err) => {
      if (!queue.stopping) input.log(`job queue error: ${err.message}`);
    });
    await boss.start();
    // Instances starting together would create the same queues at once, which deadlocks in Postgres (pg-boss
    // creates each queue's table): one at a time across instances, under a lock held by a connection of its own.
    await withSessionLock(input.url, QUEUE_CREATION_LOCK, async () => {
      for (const d of input.definitions) await boss.createQueue(d.name, { name: d.name, policy: d.queuePolicy ?? 'standard' });
    });
    // A worker hears of jobs queued by other processes at once, not at its next poll.
    if (input.supervise) queue.listener = new JobListener(input.url, (name) => queue.wake(name), input.log);
    return queue;
  }

  /** Wakes this process's workers for a queue, so they fetch now instead of at their next poll. */
  private wake(name: string): void {
    for (const workerId of this.workerIds.get(name) ?? []) this.boss.notifyWorker(workerId);
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
    // Workers in this process need not wait for their next poll, nor (told through Postgres) workers elsewhere.
    this.wake(definition.name);
    if (id) {
      await this.boss
        .getDb()
        .executeSql('SELECT pg_notify($1, $2)', [JOB_CHANNEL, definition.name])
        .catch((err: Error) => this.log(`job notification failed (workers will poll): ${err.message}`));
    }
    return id;
  }

  /**
   * Queues the job of a periodic task for the current period of `everySeconds`: however many processes ask, the
   * first one's job is the only one (pg-boss's singleton slot), so the task runs once per period across instances.
   */
  async sendPeriodic<S extends z.ZodType>(definition: JobDefinition<S>, payload: z.infer<S>, everySeconds: number): Promise<string | null> {
    const policy = definition.policy(this.config);
    const id = await this.boss.send(definition.name, definition.payload.parse(payload) as object, {
      singletonSeconds: Math.max(1, Math.round(everySeconds)),
      retryLimit: policy.retryLimit,
      expireInSeconds: policy.expireInSeconds,
    });
    if (id) this.wake(definition.name);
    return id;
  }

  /** Puts a queue on a cron schedule (UTC), or takes it off with null. pg-boss sends each due job once. */
  async setSchedule(definition: JobDefinition, cron: string | null): Promise<void> {
    if (cron === null) await this.boss.unschedule(definition.name);
    else await this.boss.schedule(definition.name, cron, {}, { tz: 'UTC', expireInSeconds: definition.policy(this.config).expireInSeconds, retryLimit: 0 });
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
    this.stopping = true;
    this.workerIds.clear();
    await this.listener?.close();
    this.listener = null;
    await this.boss.stop({ graceful: true, wait: true, close: true, timeout: timeoutMs });
  }
}

/** The advisory lock under which an instance creates its queues (the migrations' is 72_983_415). */
const QUEUE_CREATION_LOCK = 72_983_416;

/** The Postgres channel on which a queued job's kind is announced. */
const JOB_CHANNEL = 'berth_jobs';
const RELISTEN_DELAY_MS = 2000;

/**
 * One connection LISTENing on the job channel. Notifications are only a hint: a lost one (the connection dropped,
 * the listener was reconnecting) costs at most one polling interval, because workers still poll.
 */
class JobListener {
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly onJob: (name: string) => void,
    private readonly log: (line: string) => void,
  ) {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, application_name: 'berth-jobs-listen' });
    this.client = client;
    client.on('notification', (msg) => {
      if (msg.channel === JOB_CHANNEL && msg.payload) this.onJob(msg.payload);
    });
    client.on('error', (err) => this.reconnect(client, err));
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${JOB_CHANNEL}`);
    } catch (err) {
      this.reconnect(client, err as Error);
    }
  }

  private reconnect(client: pg.Client, err?: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = null;
    if (err) this.log(`job listener lost its connection (${err.message}); workers poll until it is back`);
    client.removeAllListeners('end');
    client.end().catch(() => {});
    this.retry = setTimeout(() => void this.connect(), RELISTEN_DELAY_MS);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
