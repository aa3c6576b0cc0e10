import type { Prisma } from '@/lib/db/client';
import type { CreateWebhookInput, WebhookDto } from '@/lib/schemas/webhooks';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAllowedChange } from '@/lib/services/audit/record-allowed-change';
import { checkWebhookTarget } from './check-webhook-target';
import { requireWebhookScope, scopeTarget, type WebhookScopeRef } from './require-webhook-scope';
import { toWebhookDto, triggerColumns, WEBHOOK_ROW_SELECT } from './webhook-dto';

export async function createWebhook(app: AppContext, input: { actor: Actor; scope: WebhookScopeRef; data: CreateWebhookInput }): Promise<WebhookDto> {
  const { actor, data } = input;
  const scope = await requireWebhookScope(app, { actor, scope: input.scope, action: 'cr:CreateWebhook' });
  const row = await app.db.webhook.create({
    data: {
      namespaceId: scope.namespaceId,
      repositoryId: scope.repositoryId,
      name: data.name,
      url: data.url,
      enabled: data.enabled,
      ...triggerColumns(data.trigger),
      events: data.events,
      secret: data.secret ?? null,
      headers: data.headers as Prisma.InputJsonValue,
      format: data.format,
    },
    select: WEBHOOK_ROW_SELECT,
  });
  await recordAllowedChange(app, {
    actor,
    action: 'cr:CreateWebhook',
    target: scopeTarget(scope),
    detail: { webhook: row.id, name: row.name, url: row.url },
  });
  // A new webhook has no delivery yet; a target the SSRF guard will refuse is flagged now.
  return { ...toWebhookDto(row, undefined), targetWarning: await checkWebhookTarget(app, row.url) };
}
