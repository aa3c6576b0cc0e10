import { z } from 'zod';
import type { ListEventsQuery, RepositoryEventDto, RepositoryEventPageDto } from '@/lib/schemas/webhooks';
import { untriggeredSchema } from '@/lib/schemas/webhooks';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireWebhookScope } from './require-webhook-scope';

const untriggeredListSchema = z.array(untriggeredSchema);

/**
 * Recent push and tag-delete events of a repository, newest first: for each, the deliveries it made (to repository
 * and namespace webhooks) and the webhooks it did not fire, with the reason, so "why did nothing fire?" has an answer.
 */
export async function listRepositoryEvents(
  app: AppContext,
  input: { actor: Actor; repository: string; query: ListEventsQuery },
): Promise<RepositoryEventPageDto> {
  const { query } = input;
  const scope = await requireWebhookScope(app, { actor: input.actor, scope: { kind: 'repository', repository: input.repository }, action: 'cr:ListWebhook' });
  const rows = await app.db.webhookEvent.findMany({
    where: { repositoryId: scope.repositoryId! },
    include: {
      deliveries: {
        select: { id: true, webhookId: true, kind: true, status: true, webhook: { select: { name: true } } },
        orderBy: { createdAt: 'asc' },
      },
    },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  const items = page.map(
    (e): RepositoryEventDto => ({
      id: e.id,
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
      })),
      untriggered: untriggeredListSchema.catch([]).parse(e.untriggered ?? []),
    }),
  );
  return { items, nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
}
