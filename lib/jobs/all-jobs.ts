import { sweepWebhookOutbox } from '@/lib/services/webhooks/sweep-webhook-outbox';
import type { JobHandler, PeriodicTask } from './define-job';
import { deliverWebhookHandler } from './handlers/deliver-webhook';
import { dispatchWebhookEventHandler } from './handlers/dispatch-webhook-event';

// Every kind of background job, and the periodic work of a worker. Scans, builds and GC add theirs here.
export const JOB_HANDLERS: readonly JobHandler[] = [dispatchWebhookEventHandler, deliverWebhookHandler] as readonly JobHandler[];

export const PERIODIC_TASKS: readonly PeriodicTask[] = [
  // Enqueues outbox rows a crash left un-enqueued, and prunes old events.
  { name: 'webhook-outbox-sweep', everySeconds: 15, run: sweepWebhookOutbox },
];
