import { z } from 'zod';
import { defineJob } from '../define-job';

/**
 * Runs one build (a `builds` row). The job id is the build id, so a build is queued at most once. No retries: a
 * build whose worker died is failed as "interrupted" by the build sweeper (a rerun is the user's call, since a
 * half-done build may have pushed some of its tags already).
 */
export const runBuildJob = defineJob({
  name: 'run-build',
  payload: z.object({ buildId: z.uuid() }),
  policy: (config) => ({ retryLimit: 0, retryDelaySeconds: 30, backoff: false, expireInSeconds: config.builds.timeoutSeconds + 600 }),
});
