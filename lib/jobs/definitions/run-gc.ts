import { z } from 'zod';
import { defineJob } from '../define-job';

/**
 * One garbage collection run (a `gc_runs` row; the job id is the run id). A singleton queue: one run at a time
 * across every instance. Not retried: a run cut off by a crash is marked failed and the next one starts afresh.
 */
export const runGcJob = defineJob({
  name: 'run-gc',
  payload: z.object({ runId: z.uuid() }),
  policy: () => ({ retryLimit: 0, retryDelaySeconds: 60, backoff: false, expireInSeconds: 6 * 3600 }),
  queuePolicy: 'singleton',
});
