import type { Prisma } from '@/lib/db/client';
import type { AppContext } from '@/lib/services/context';
import { serializePayload } from '@/lib/webhooks/build-payload';
import type { WebhookEventType } from '@/lib/webhooks/event-types';
import { decideWebhook, type SkipReason } from '@/lib/webhooks/match-trigger';
import { enqueuePendingDeliveries } from './enqueue-webhook-jobs';
import { eventDataOf, payloadContext } from './event-data';
import { formatOf, triggerOf } from './webhook-dto';

export interface UntriggeredEntry {
  webhookId: string;
  webhookName: string;
  reason: SkipReason;
}

/**
 * The dispatch job: matches an event against the webhooks its repository and namespace had when it happened,
 * creates one delivery per webhook it fires and records the others as untriggered, all in one transaction that also
 * marks the event dispatched, so a retried or duplicate run never delivers twice. Then queues the deliveries (again
 * idempotently).
 */
export async function dispatchWebhookEvent(app: AppContext, eventId: string): Promise<void> {
  const event = await app.db.webhookEvent.findUnique({ where: { id: eventId } });
  if (!event) return; // pruned, or its repository was deleted
  if (!event.dispatchedAt) {
    await app.db.$transaction(async (tx) => {
      // Claims the event (and locks its row) so only one run fans it out.
      const claimed = await tx.webhookEvent.updateMany({ where: { id: event.id, dispatchedAt: null }, data: { dispatchedAt: new Date() } });
      if (claimed.count === 0) return;
      // Only webhooks that existed when the event happened: one created later does not hear of earlier pushes,
      // however long the event waited in the queue.
      const hooks = await tx.webhook.findMany({
        where: {
          OR: [{ repositoryId: event.repositoryId }, { namespaceId: event.namespaceId, repositoryId: null }],
          createdAt: { lte: event.occurredAt },
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      const data = eventDataOf(event, { publicUrl: app.config.publicUrl });
      const context = payloadContext(app, event.repositoryName);
      const deliveries: Prisma.WebhookDeliveryCreateManyInput[] = [];
      const untriggered: UntriggeredEntry[] = [];
      for (const hook of hooks) {
        const decision = decideWebhook({ enabled: hook.enabled, events: hook.events, trigger: triggerOf(hook) }, { type: event.type as WebhookEventType, tag: event.tag });
        if (!decision.fire) {
          untriggered.push({ webhookId: hook.id, webhookName: hook.name, reason: decision.reason });
          continue;
        }
        const format = formatOf(hook.format);
        deliveries.push({
          webhookId: hook.id,
          eventId: event.id,
          eventType: event.type,
          kind: 'event',
          body: serializePayload(format, data, context),
          format,
          maxAttempts: app.config.webhooks.maxAttempts,
        });
      }
      if (deliveries.length) await tx.webhookDelivery.createMany({ data: deliveries });
      await tx.webhookEvent.update({ where: { id: event.id }, data: { untriggered: untriggered as unknown as Prisma.InputJsonValue } });
    });
  }
  await enqueuePendingDeliveries(app, { eventId: event.id });
}
