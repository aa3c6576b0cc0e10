import type { WebhookDto } from '@/lib/schemas/webhooks';
import type { Actor, AppContext } from '@/lib/services/context';
import { checkWebhookTarget } from './check-webhook-target';
import { findWebhook } from './find-webhook';
import { loadLastDeliveries } from './load-last-deliveries';
import { requireWebhookScope, type WebhookScopeRef } from './require-webhook-scope';
import { toWebhookDto } from './webhook-dto';

export async function getWebhook(app: AppContext, input: { actor: Actor; scope: WebhookScopeRef; id: string }): Promise<WebhookDto> {
  const scope = await requireWebhookScope(app, { actor: input.actor, scope: input.scope, action: 'cr:GetWebhook' });
  const row = await findWebhook(app, scope, input.id);
  const [deliveries, targetWarning] = await Promise.all([loadLastDeliveries(app, [row.id]), checkWebhookTarget(app, row.url)]);
  return { ...toWebhookDto(row, deliveries.get(row.id)), targetWarning };
}
