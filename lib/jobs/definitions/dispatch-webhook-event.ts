import { z } from 'zod';
import { defineJob } from '../define-job';

/** Matches one push or tag-delete event (an outbox row) against the webhooks in scope and creates the deliveries. */
export const dispatchWebhookEventJob = defineJob({
  name: 'webhook-dispatch',
  payload: z.object({ eventId: z.uuid() }),
  // Only database work: retried quickly, a dozen times, before it waits for the outbox sweeper.
  policy: () => ({ retryLimit: 10, retryDelaySeconds: 2, backoff: true, expireInSeconds: 120 }),
});
