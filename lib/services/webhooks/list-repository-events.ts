import type { ListEventsQuery, RepositoryEventPageDto } from '@/lib/schemas/webhooks';
import type { Actor, AppContext } from '@/lib/services/context';
import { EVENT_DTO_INCLUDE, EVENT_ORDER, toEventDto } from './event-dto';
import { requireWebhookScope } from './require-webhook-scope';

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
    include: EVENT_DTO_INCLUDE,
    orderBy: [...EVENT_ORDER],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(toEventDto), nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
}
