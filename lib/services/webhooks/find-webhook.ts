import { absent } from '@/lib/errors/domain-error';
import type { AppContext } from '@/lib/services/context';
import { scopeWhere, type WebhookScope } from './require-webhook-scope';
import { WEBHOOK_ROW_SELECT, type WebhookRow } from './webhook-dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID.test(s);
}

/** A webhook of exactly this scope (a namespace URL never reaches a repository's webhook, nor the reverse), or 404. */
export async function findWebhook(app: AppContext, scope: WebhookScope, id: string): Promise<WebhookRow> {
  const row = isUuid(id) ? await app.db.webhook.findFirst({ where: { id, ...scopeWhere(scope) }, select: WEBHOOK_ROW_SELECT }) : null;
  if (!row) throw absent('webhook');
  return row;
}
