import { startJobs, type RunningJobs } from '@/lib/jobs/start-jobs';
import type { TestRegistry } from './registry';

/** A job worker on a test registry's database that a test may stop and start again, as after a crash or deploy. */
export interface TestWorker {
  /** The worker running now, if any. */
  jobs: RunningJobs | null;
  /** Starts a worker (or, with work: false, only a queue to enqueue into), stopping the running one first. */
  startJobs(opts?: { work?: boolean }): Promise<RunningJobs>;
  stopJobs(): Promise<void>;
}

const quiet = (line: string) => {
  if (process.env.BERTH_TEST_LOG) console.log(line);
};

/** Makes the registry's worker handle; nothing runs until startJobs. */
export function testWorker(reg: TestRegistry): TestWorker {
  const worker: TestWorker = {
    jobs: null,
    async startJobs(opts = {}) {
      await worker.stopJobs();
      worker.jobs = await startJobs(reg.app, { url: reg.app.config.databaseUrl!, work: opts.work ?? true, log: quiet });
      return worker.jobs;
    },
    async stopJobs() {
      await worker.jobs?.stop();
      worker.jobs = null;
    },
  };
  return worker;
}
