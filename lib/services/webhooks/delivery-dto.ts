import type { Prisma } from '@/lib/db/client';
import type { DeliveryDto } from '@/lib/schemas/webhooks';
import { formatOf } from './webhook-dto';

export const DELIVERY_DTO_INCLUDE = {
  attempts: { orderBy: { number: 'asc' } },
  event: { select: { repositoryName: true, tag: true } },
} as const satisfies Prisma.WebhookDeliveryInclude;

type DeliveryRow = Prisma.WebhookDeliveryGetPayload<{ include: typeof DELIVERY_DTO_INCLUDE }>;

export function toDeliveryDto(row: DeliveryRow): DeliveryDto {
  return {
    id: row.id,
    webhookId: row.webhookId,
    eventId: row.eventId,
    eventType: row.eventType as DeliveryDto['eventType'],
    repository: row.event?.repositoryName ?? null,
    tag: row.event?.tag ?? null,
    kind: row.kind as DeliveryDto['kind'],
    redeliveryOf: row.redeliveryOfId,
    status: row.status as DeliveryDto['status'],
    format: formatOf(row.format),
    maxAttempts: row.maxAttempts,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    attempts: row.attempts.map((a) => ({
      number: a.number,
      startedAt: a.startedAt.toISOString(),
      durationMs: a.durationMs,
      outcome: a.outcome as DeliveryDto['attempts'][number]['outcome'],
      url: a.url,
      statusCode: a.statusCode,
      error: a.error,
      requestHeaders: (a.requestHeaders ?? {}) as Record<string, string>,
      requestBody: a.requestBody,
      responseBody: a.responseBody,
    })),
  };
}
