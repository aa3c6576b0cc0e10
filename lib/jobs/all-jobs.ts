import { sweepBuilds } from '@/lib/services/builds/sweep-builds';
import { sweepScanOutbox } from '@/lib/services/scans/sweep-scan-outbox';
import { sweepWebhookOutbox } from '@/lib/services/webhooks/sweep-webhook-outbox';
import type { JobHandler, PeriodicTask } from './define-job';
import { deliverWebhookHandler } from './handlers/deliver-webhook';
import { dispatchWebhookEventHandler } from './handlers/dispatch-webhook-event';
import { runBuildHandler } from './handlers/run-build';
import { scanImageHandler } from './handlers/scan-image';

// Every kind of background job, and the periodic work of a worker. Builds and GC add theirs here.
export const JOB_HANDLERS: readonly JobHandler[] = [dispatchWebhookEventHandler, deliverWebhookHandler, scanImageHandler, runBuildHandler] as readonly JobHandler[];

export const PERIODIC_TASKS: readonly PeriodicTask[] = [
  // Enqueues outbox rows a crash left un-enqueued, and prunes old events.
  { name: 'webhook-outbox-sweep', everySeconds: 15, run: sweepWebhookOutbox },
  // Enqueues scans a crash left un-enqueued (older than a few seconds), and fails scans no worker will finish.
  { name: 'scan-outbox-sweep', everySeconds: 10, run: sweepScanOutbox },
  // Enqueues builds a crash left un-enqueued, and fails builds whose worker died mid-build ("interrupted").
  { name: 'build-sweep', everySeconds: 5, run: sweepBuilds },
];
