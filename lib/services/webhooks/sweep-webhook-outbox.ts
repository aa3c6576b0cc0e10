import { drainOutbox } from '@/lib/jobs/outbox';
import type { AppContext } from '@/lib/services/context';
import { enqueuePendingDeliveries, enqueueWebhookEvents } from './enqueue-webhook-jobs';

const BATCH = 200;

/**
 * The outbox sweeper, run by every worker at start and then periodically. It queues events and deliveries that were
 * committed but never enqueued (the process died between commit and enqueue, or had no queue), and deletes events
 * and deliveries older than the retention period. Safe to run in several workers at once: enqueueing is idempotent.
 */
export async function sweepWebhookOutbox(app: AppContext): Promise<void> {
  await drainOutbox(
    BATCH,
    (take) => app.db.webhookEvent.findMany({ where: { enqueuedAt: null }, select: { id: true }, orderBy: { occurredAt: 'asc' }, take }),
    (ids) => enqueueWebhookEvents(app, ids),
  );
  while ((await enqueuePendingDeliveries(app, {})) > 0);
  const before = new Date(Date.now() - app.config.webhooks.eventRetentionDays * 86_400_000);
  // Deliveries of an event go with it (cascade); test deliveries and redeliveries of pruned events age out alike.
  await app.db.webhookEvent.deleteMany({ where: { occurredAt: { lt: before } } });
  await app.db.webhookDelivery.deleteMany({ where: { eventId: null, createdAt: { lt: before } } });
}
