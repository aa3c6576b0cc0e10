import { dispatchWebhookEvent } from '@/lib/services/webhooks/dispatch-webhook-event';
import { defineHandler } from '../define-job';
import { dispatchWebhookEventJob } from '../definitions/dispatch-webhook-event';

export const dispatchWebhookEventHandler = defineHandler({
  definition: dispatchWebhookEventJob,
  concurrency: () => 2,
  handle: (app, { eventId }) => dispatchWebhookEvent(app, eventId),
});
