import type { AppContext } from '@/lib/services/context';
import { JOB_HANDLERS, PERIODIC_TASKS } from './all-jobs';
import { attachJobQueue, jobQueueOf } from './app-job-queue';
import { PgBossQueue } from './pg-boss-queue';
import { periodicJob } from './periodic-jobs';

export interface RunningJobs {
  /** Whether this process works on jobs, or only enqueues them. */
  working: boolean;
  /** Stops polling, waits for running jobs (up to a timeout), and detaches the queue from the app. */
  stop(): Promise<void>;
}

/**
 * Starts the job queue for `app` on the database at `url` and attaches it, so services can enqueue. With `work`,
 * this process also runs jobs, and takes part in the one scheduler of periodic tasks: each period of a task becomes
 * one job on the queue however many workers run (the outbox sweeper's first period at once: it picks up what a
 * previous process left behind), and cron tasks are scheduled in pg-boss, which sends each due job once. Without
 * `work`, jobs wait for a worker: `npm run worker`, or a server with the worker on.
 */
export async function startJobs(app: AppContext, opts: { url: string; work: boolean; log?: (line: string) => void }): Promise<RunningJobs> {
  const log = opts.log ?? ((line: string) => console.log(`[berth] ${line}`));
  const periodic = PERIODIC_TASKS.map(periodicJob);
  const definitions = [...JOB_HANDLERS.map((h) => h.definition), ...periodic.map((p) => p.definition)];
  const queue = await PgBossQueue.start({ url: opts.url, config: app.config, definitions, supervise: opts.work, log });
  attachJobQueue(app, queue);
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  if (opts.work) {
    for (const handler of JOB_HANDLERS) await queue.work(app, handler);
    for (const { task, definition, handler } of periodic) {
      await queue.work(app, handler);
      if (task.cron) await queue.setSchedule(definition, task.cron(app.config));
      const everySeconds = task.everySeconds;
      if (!everySeconds) continue;
      // The first run at once (a restarted worker picks up what it left behind), then one per period.
      const tick = (first: boolean) => {
        const sent = (first ? queue.send(definition, {}) : queue.sendPeriodic(definition, {}, everySeconds)).catch((err) =>
          log(`${task.name} not queued: ${(err as Error)?.message ?? err}`),
        );
        running.add(sent);
        void sent.finally(() => running.delete(sent));
      };
      tick(true);
      timers.push(setInterval(() => tick(false), everySeconds * 1000).unref());
    }
  }
  let stopped = false;
  return {
    working: opts.work,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.all(running);
      if (jobQueueOf(app) === queue) attachJobQueue(app, undefined);
      await queue.stop();
    },
  };
}
