import type { DeliveryPageDto, ListDeliveriesQuery } from '@/lib/schemas/webhooks';
import type { Actor, AppContext } from '@/lib/services/context';
import { DELIVERY_DTO_INCLUDE, toDeliveryDto } from './delivery-dto';
import { findWebhook } from './find-webhook';
import { requireWebhookScope, type WebhookScopeRef } from './require-webhook-scope';

/** A webhook's deliveries with their attempts, newest first, a page at a time (`nextCursor`). */
export async function listWebhookDeliveries(
  app: AppContext,
  input: { actor: Actor; scope: WebhookScopeRef; id: string; query: ListDeliveriesQuery },
): Promise<DeliveryPageDto> {
  const { query } = input;
  const scope = await requireWebhookScope(app, { actor: input.actor, scope: input.scope, action: 'cr:GetWebhook' });
  const webhook = await findWebhook(app, scope, input.id);
  const rows = await app.db.webhookDelivery.findMany({
    where: { webhookId: webhook.id },
    include: DELIVERY_DTO_INCLUDE,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    // A cursor is only a position (time, id): one from elsewhere never reaches past this webhook's rows.
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toDeliveryDto), nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
}
