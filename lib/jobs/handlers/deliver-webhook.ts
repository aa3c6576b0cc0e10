import { attemptWebhookDelivery } from '@/lib/services/webhooks/attempt-webhook-delivery';
import { defineHandler } from '../define-job';
import { deliverWebhookJob } from '../definitions/deliver-webhook';

export const deliverWebhookHandler = defineHandler({
  definition: deliverWebhookJob,
  // Each attempt may wait up to 10 s on a slow receiver; several run at once so one slow target does not hold up all.
  concurrency: () => 4,
  handle: (app, { deliveryId }, run) => attemptWebhookDelivery(app, { deliveryId, isLastAttempt: run.isLastAttempt }),
});
