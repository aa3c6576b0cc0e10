import { z } from 'zod';
import { defineHandler, defineJob, type JobDefinition, type JobHandler, type PeriodicTask } from './define-job';

export interface PeriodicJob {
  task: PeriodicTask;
  definition: JobDefinition;
  handler: JobHandler;
}

const DEFAULT_EXPIRE_SECONDS = 15 * 60;

/**
 * The job that runs a periodic task. Not retried: the next period runs it again. A singleton queue, so a run that
 * outlasts its period is never joined by a second one.
 */
export function periodicJob(task: PeriodicTask): PeriodicJob {
  const definition = defineJob({
    name: `periodic-${task.name}`,
    payload: z.object({}).passthrough(),
    policy: () => ({ retryLimit: 0, retryDelaySeconds: 1, backoff: false, expireInSeconds: task.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS }),
    queuePolicy: 'singleton',
  });
  const handler = defineHandler({ definition, concurrency: () => 1, handle: (app) => task.run(app) });
  return { task, definition, handler };
}
