import { runGc } from '@/lib/services/gc/run-gc';
import { defineHandler } from '../define-job';
import { runGcJob } from '../definitions/run-gc';

export const runGcHandler = defineHandler({
  definition: runGcJob,
  concurrency: () => 1,
  handle: (app, { runId }) => runGc(app, runId),
});
