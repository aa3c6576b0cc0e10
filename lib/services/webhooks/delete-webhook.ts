import type { Actor, AppContext } from '@/lib/services/context';
import { recordAllowedChange } from '@/lib/services/audit/record-allowed-change';
import { findWebhook } from './find-webhook';
import { requireWebhookScope, scopeTarget, type WebhookScopeRef } from './require-webhook-scope';

/** Deletes a webhook with its deliveries; queued attempts find no delivery and end. */
export async function deleteWebhook(app: AppContext, input: { actor: Actor; scope: WebhookScopeRef; id: string }): Promise<void> {
  const { actor } = input;
  const scope = await requireWebhookScope(app, { actor, scope: input.scope, action: 'cr:DeleteWebhook' });
  const row = await findWebhook(app, scope, input.id);
  await app.db.webhook.deleteMany({ where: { id: row.id } });
  await recordAllowedChange(app, {
    actor,
    action: 'cr:DeleteWebhook',
    target: scopeTarget(scope),
    detail: { webhook: row.id, name: row.name },
  });
}
