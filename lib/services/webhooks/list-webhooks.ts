import type { WebhookDto } from '@/lib/schemas/webhooks';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadLastDeliveries } from './load-last-deliveries';
import { requireWebhookScope, scopeWhere, type WebhookScopeRef } from './require-webhook-scope';
import { toWebhookDto, WEBHOOK_ROW_SELECT } from './webhook-dto';

/** The webhooks of a repository, or the namespace-wide webhooks of a namespace, oldest first, each with its newest delivery. */
export async function listWebhooks(app: AppContext, input: { actor: Actor; scope: WebhookScopeRef }): Promise<{ items: WebhookDto[] }> {
  const scope = await requireWebhookScope(app, { actor: input.actor, scope: input.scope, action: 'cr:ListWebhook' });
  const rows = await app.db.webhook.findMany({ where: scopeWhere(scope), select: WEBHOOK_ROW_SELECT, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const last = await loadLastDeliveries(app, rows.map((r) => r.id));
  return { items: rows.map((r) => toWebhookDto(r, last.get(r.id))) };
}
