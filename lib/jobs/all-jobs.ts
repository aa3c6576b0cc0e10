import { sweepScanOutbox } from '@/lib/services/scans/sweep-scan-outbox';
import { sweepWebhookOutbox } from '@/lib/services/webhooks/sweep-webhook-outbox';
import type { JobHandler, PeriodicTask } from './define-job';
import { deliverWebhookHandler } from './handlers/deliver-webhook';
import { dispatchWebhookEventHandler } from './handlers/dispatch-webhook-event';
import { rescanImagesHandler } from './handlers/rescan-images';
import { scanImageHandler } from './handlers/scan-image';

// Every kind of background job, and the periodic work of a worker. Builds and GC add theirs here.
export const JOB_HANDLERS: readonly JobHandler[] = [
  dispatchWebhookEventHandler,
  deliverWebhookHandler,
  scanImageHandler,
  rescanImagesHandler,
] as readonly JobHandler[];

export const PERIODIC_TASKS: readonly PeriodicTask[] = [
  // Enqueues outbox rows a crash left un-enqueued, and prunes old events.
  { name: 'webhook-outbox-sweep', everySeconds: 15, run: sweepWebhookOutbox },
  // Enqueues scans a crash left un-enqueued (older than a few seconds), and fails scans no worker will finish.
  { name: 'scan-outbox-sweep', everySeconds: 10, run: sweepScanOutbox },
];
