import { executeBuild } from '@/lib/services/builds/execute-build';
import { defineHandler } from '../define-job';
import { runBuildJob } from '../definitions/run-build';

export const runBuildHandler = defineHandler({
  definition: runBuildJob,
  // Builds are CPU-bound: BERTH_BUILD_CONCURRENCY (default 1) per worker process.
  concurrency: (config) => config.builds.concurrency,
  handle: async (app, { buildId }) => {
    await executeBuild(app, buildId);
  },
});
