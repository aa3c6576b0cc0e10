import { absent } from '@/lib/errors/domain-error';
import type { DeliveryDto } from '@/lib/schemas/webhooks';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAllowedChange } from '@/lib/services/audit/record-allowed-change';
import { findWebhook, isUuid } from './find-webhook';
import { queueDelivery } from './queue-delivery';
import { requireWebhookScope, scopeTarget, type WebhookScopeRef } from './require-webhook-scope';

/**
 * Sends a delivery's body again as a new delivery (its own id, attempts and retries), to the webhook's current URL
 * with its current secret and headers. The event, and so the CloudEvents id, stays the same.
 */
export async function redeliverWebhookDelivery(
  app: AppContext,
  input: { actor: Actor; scope: WebhookScopeRef; id: string; deliveryId: string },
): Promise<DeliveryDto> {
  const { actor } = input;
  const scope = await requireWebhookScope(app, { actor, scope: input.scope, action: 'cr:UpdateWebhook' });
  const webhook = await findWebhook(app, scope, input.id);
  const original = isUuid(input.deliveryId)
    ? await app.db.webhookDelivery.findFirst({ where: { id: input.deliveryId, webhookId: webhook.id } })
    : null;
  if (!original) throw absent('delivery');
  const delivery = await queueDelivery(app, {
    webhookId: webhook.id,
    eventId: original.eventId,
    eventType: original.eventType,
    kind: original.kind === 'test' ? 'test' : 'redelivery',
    redeliveryOfId: original.id,
    body: original.body,
    format: original.format,
    maxAttempts: original.kind === 'test' ? 1 : app.config.webhooks.maxAttempts,
  });
  await recordAllowedChange(app, {
    actor,
    action: 'cr:UpdateWebhook',
    target: scopeTarget(scope),
    detail: { webhook: webhook.id, op: 'redeliver', delivery: original.id },
  });
  return delivery;
}
