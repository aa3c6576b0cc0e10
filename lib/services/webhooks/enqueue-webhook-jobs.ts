import type { Prisma } from '@/lib/db/client';
import { jobQueueOf } from '@/lib/jobs/app-job-queue';
import { deliverWebhookJob } from '@/lib/jobs/definitions/deliver-webhook';
import { dispatchWebhookEventJob } from '@/lib/jobs/definitions/dispatch-webhook-event';
import { outboxEnqueuer } from '@/lib/jobs/outbox';
import type { AppContext } from '@/lib/services/context';

/** Queues the dispatch jobs of outbox events after the transaction that wrote them committed; job id = event id. */
export const enqueueWebhookEvents = outboxEnqueuer({
  job: dispatchWebhookEventJob,
  payload: (eventId) => ({ eventId }),
  markEnqueued: (app, ids) => app.db.webhookEvent.updateMany({ where: { id: { in: ids }, enqueuedAt: null }, data: { enqueuedAt: new Date() } }),
  unqueued: 'webhook events not queued yet, the outbox sweeper will',
});

/** Queues an attempt job for each pending delivery not yet enqueued among `where`; job id = delivery id. */
export async function enqueuePendingDeliveries(app: AppContext, where: Prisma.WebhookDeliveryWhereInput): Promise<number> {
  const queue = jobQueueOf(app);
  if (!queue) return 0;
  const pending = await app.db.webhookDelivery.findMany({
    where: { ...where, status: 'pending', enqueuedAt: null },
    select: { id: true, maxAttempts: true },
    orderBy: { createdAt: 'asc' },
    take: 500,
  });
  for (const d of pending) await queue.send(deliverWebhookJob, { deliveryId: d.id }, { id: d.id, retryLimit: d.maxAttempts - 1 });
  if (pending.length) await app.db.webhookDelivery.updateMany({ where: { id: { in: pending.map((d) => d.id) } }, data: { enqueuedAt: new Date() } });
  return pending.length;
}
