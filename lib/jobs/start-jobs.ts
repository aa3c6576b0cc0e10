import type { AppContext } from '@/lib/services/context';
import { JOB_HANDLERS, PERIODIC_TASKS } from './all-jobs';
import { attachJobQueue, jobQueueOf } from './app-job-queue';
import { PgBossQueue } from './pg-boss-queue';

export interface RunningJobs {
  /** Whether this process works on jobs, or only enqueues them. */
  working: boolean;
  /** Stops polling, waits for running jobs (up to a timeout), and detaches the queue from the app. */
  stop(): Promise<void>;
}

/**
 * Starts the job queue for `app` on the database at `url` and attaches it, so services can enqueue. With `work`,
 * this process also runs jobs and the periodic tasks (the outbox sweeper first of all, at once: it picks up what a
 * previous process left behind). Without it, jobs wait for a worker: `npm run worker`, or a server with the worker on.
 */
export async function startJobs(app: AppContext, opts: { url: string; work: boolean; log?: (line: string) => void }): Promise<RunningJobs> {
  const log = opts.log ?? ((line: string) => console.log(`[berth] ${line}`));
  const queue = await PgBossQueue.start({ url: opts.url, config: app.config, definitions: JOB_HANDLERS.map((h) => h.definition), supervise: opts.work, log });
  attachJobQueue(app, queue);
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  if (opts.work) {
    for (const handler of JOB_HANDLERS) await queue.work(app, handler);
    for (const task of PERIODIC_TASKS) {
      let current: Promise<void> | null = null;
      const tick = () => {
        if (current) return; // the previous run is still going
        const run: Promise<void> = task.run(app).catch((err) => log(`${task.name} failed: ${(err as Error)?.message ?? err}`));
        current = run;
        running.add(run);
        void run.finally(() => {
          running.delete(run);
          current = null;
        });
      };
      tick();
      timers.push(setInterval(tick, task.everySeconds * 1000).unref());
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
