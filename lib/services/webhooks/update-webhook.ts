import type { Prisma } from '@/lib/db/client';
import type { UpdateWebhookInput, WebhookDto } from '@/lib/schemas/webhooks';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAllowedChange } from '@/lib/services/audit/record-allowed-change';
import { MASK, type ExtraHeader } from '@/lib/webhooks/delivery-headers';
import { checkWebhookTarget } from './check-webhook-target';
import { findWebhook } from './find-webhook';
import { loadLastDeliveries } from './load-last-deliveries';
import { requireWebhookScope, scopeTarget, type WebhookScopeRef } from './require-webhook-scope';
import { headersOf, toWebhookDto, triggerColumns, WEBHOOK_ROW_SELECT } from './webhook-dto';

export async function updateWebhook(
  app: AppContext,
  input: { actor: Actor; scope: WebhookScopeRef; id: string; data: UpdateWebhookInput },
): Promise<WebhookDto> {
  const { actor, data } = input;
  const scope = await requireWebhookScope(app, { actor, scope: input.scope, action: 'cr:UpdateWebhook' });
  const current = await findWebhook(app, scope, input.id);
  const row = await app.db.webhook.update({
    where: { id: current.id },
    data: {
      name: data.name,
      url: data.url,
      enabled: data.enabled,
      ...(data.trigger ? triggerColumns(data.trigger) : {}),
      events: data.events,
      secret: data.secret,
      headers: data.headers ? (keepMaskedValues(data.headers, headersOf(current)) as Prisma.InputJsonValue) : undefined,
      format: data.format,
    },
    select: WEBHOOK_ROW_SELECT,
  });
  await recordAllowedChange(app, {
    actor,
    action: 'cr:UpdateWebhook',
    target: scopeTarget(scope),
    detail: { webhook: row.id, name: row.name, changed: Object.keys(data).filter((k) => data[k as keyof UpdateWebhookInput] !== undefined) },
  });
  return { ...toWebhookDto(row, (await loadLastDeliveries(app, [row.id])).get(row.id)), targetWarning: await checkWebhookTarget(app, row.url) };
}

/** GET masks credential-like values; sending such a list back unchanged must not overwrite them with the mask. */
function keepMaskedValues(next: ExtraHeader[], stored: ExtraHeader[]): ExtraHeader[] {
  return next.map((h) => {
    if (h.value !== MASK) return h;
    const old = stored.find((s) => s.name.toLowerCase() === h.name.toLowerCase());
    return old ? { name: h.name, value: old.value } : h;
  });
}
