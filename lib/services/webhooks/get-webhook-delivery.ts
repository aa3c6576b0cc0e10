import { absent } from '@/lib/errors/domain-error';
import type { DeliveryDto } from '@/lib/schemas/webhooks';
import type { Actor, AppContext } from '@/lib/services/context';
import { DELIVERY_DTO_INCLUDE, toDeliveryDto } from './delivery-dto';
import { findWebhook, isUuid } from './find-webhook';
import { requireWebhookScope, type WebhookScopeRef } from './require-webhook-scope';

/** One delivery of a webhook with its attempts, as the delivery list shows it; another webhook's delivery is 404. */
export async function getWebhookDelivery(
  app: AppContext,
  input: { actor: Actor; scope: WebhookScopeRef; id: string; deliveryId: string },
): Promise<DeliveryDto> {
  const scope = await requireWebhookScope(app, { actor: input.actor, scope: input.scope, action: 'cr:GetWebhook' });
  const webhook = await findWebhook(app, scope, input.id);
  const row = isUuid(input.deliveryId)
    ? await app.db.webhookDelivery.findFirst({ where: { id: input.deliveryId, webhookId: webhook.id }, include: DELIVERY_DTO_INCLUDE })
    : null;
  if (!row) throw absent('delivery');
  return toDeliveryDto(row);
}
