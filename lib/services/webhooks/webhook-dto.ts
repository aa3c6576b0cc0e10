import type { Prisma } from '@/lib/db/client';
import type { LastDeliveryDto, WebhookDto } from '@/lib/schemas/webhooks';
import { isSensitiveHeader, MASK, type ExtraHeader } from '@/lib/webhooks/delivery-headers';
import type { PayloadFormat } from '@/lib/webhooks/event-types';
import type { WebhookTrigger } from '@/lib/webhooks/match-trigger';

export const WEBHOOK_ROW_SELECT = {
  id: true,
  namespaceId: true,
  repositoryId: true,
  name: true,
  url: true,
  enabled: true,
  triggerKind: true,
  triggerPattern: true,
  triggerTags: true,
  events: true,
  secret: true,
  headers: true,
  format: true,
  createdAt: true,
  updatedAt: true,
  namespace: { select: { name: true } },
  repository: { select: { name: true } },
} as const satisfies Prisma.WebhookSelect;

export type WebhookRow = Prisma.WebhookGetPayload<{ select: typeof WEBHOOK_ROW_SELECT }>;

export function triggerOf(row: { triggerKind: string; triggerPattern: string | null; triggerTags: string[] }): WebhookTrigger {
  if (row.triggerKind === 'regex') return { kind: 'regex', pattern: row.triggerPattern ?? '' };
  if (row.triggerKind === 'tags') return { kind: 'tags', tags: row.triggerTags };
  return { kind: 'all' };
}

export function triggerColumns(trigger: WebhookTrigger) {
  return {
    triggerKind: trigger.kind,
    triggerPattern: trigger.kind === 'regex' ? trigger.pattern : null,
    triggerTags: trigger.kind === 'tags' ? [...trigger.tags] : [],
  };
}

export function headersOf(row: { headers: Prisma.JsonValue }): ExtraHeader[] {
  if (!Array.isArray(row.headers)) return [];
  return row.headers.flatMap((h) => {
    const o = h as { name?: unknown; value?: unknown } | null;
    return o && typeof o.name === 'string' && typeof o.value === 'string' ? [{ name: o.name, value: o.value }] : [];
  });
}

export function formatOf(value: string): PayloadFormat {
  return value === 'cloudevents' ? 'cloudevents' : 'default';
}

/**
 * The API's view of a webhook: never the secret, and credential-like header values masked. `lastDelivery` comes
 * from loadLastDeliveries (one query for a whole list).
 */
export function toWebhookDto(row: WebhookRow, lastDelivery: LastDeliveryDto | undefined): WebhookDto {
  return {
    id: row.id,
    scope: row.repositoryId ? 'repository' : 'namespace',
    namespace: row.namespace.name,
    repository: row.repository?.name ?? null,
    name: row.name,
    url: row.url,
    enabled: row.enabled,
    trigger: triggerOf(row) as WebhookDto['trigger'],
    events: row.events,
    format: formatOf(row.format),
    hasSecret: row.secret !== null,
    headers: headersOf(row).map((h) => ({ name: h.name, value: isSensitiveHeader(h.name) ? MASK : h.value })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastDelivery: lastDelivery ?? null,
  };
}
