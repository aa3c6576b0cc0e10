import { z } from 'zod';
import type { Prisma } from '@/lib/db/client';
import { untriggeredSchema, type RepositoryEventDto } from '@/lib/schemas/webhooks';

const untriggeredListSchema = z.array(untriggeredSchema);

/** What an event list loads with each event: the deliveries it made, oldest first, with their webhooks' names. */
export const EVENT_DTO_INCLUDE = {
  deliveries: {
    select: { id: true, webhookId: true, kind: true, status: true, webhook: { select: { name: true } }, _count: { select: { attempts: true } } },
    orderBy: { createdAt: 'asc' },
  },
} as const satisfies Prisma.WebhookEventInclude;

type EventRow = Prisma.WebhookEventGetPayload<{ include: typeof EVENT_DTO_INCLUDE }>;

/** Newest first; the id breaks ties so cursor pages neither skip nor repeat an event. */
export const EVENT_ORDER = [{ occurredAt: 'desc' }, { id: 'desc' }] as const satisfies Prisma.WebhookEventOrderByWithRelationInput[];

export function toEventDto(e: EventRow): RepositoryEventDto {
  return {
    id: e.id,
    repository: e.repositoryName,
    type: e.type as RepositoryEventDto['type'],
    tag: e.tag,
    digest: e.digest,
    mediaType: e.mediaType,
    size: e.size === null ? null : Number(e.size),
    operator: e.operator,
    occurredAt: e.occurredAt.toISOString(),
    dispatchedAt: e.dispatchedAt?.toISOString() ?? null,
    deliveries: e.deliveries.map((d) => ({
      id: d.id,
      webhookId: d.webhookId,
      webhookName: d.webhook.name,
      kind: d.kind,
      status: d.status as RepositoryEventDto['deliveries'][number]['status'],
      attemptCount: d._count.attempts,
    })),
    untriggered: untriggeredListSchema.catch([]).parse(e.untriggered ?? []),
  };
}
