import { z } from 'zod';
import { DELIVERY_TIMEOUT_MS } from '@/lib/webhooks/post-webhook';
import { defineJob } from '../define-job';

/** One attempt at a webhook delivery; a failed attempt throws, and pg-boss retries it with backoff and jitter. */
export const deliverWebhookJob = defineJob({
  name: 'webhook-deliver',
  payload: z.object({ deliveryId: z.uuid() }),
  policy: (config) => ({
    retryLimit: config.webhooks.maxAttempts - 1,
    retryDelaySeconds: config.webhooks.backoffBaseSeconds,
    backoff: true,
    // The request's own deadline plus room for the database; past this the run is presumed dead and retried.
    expireInSeconds: Math.ceil(DELIVERY_TIMEOUT_MS / 1000) + 50,
  }),
});
