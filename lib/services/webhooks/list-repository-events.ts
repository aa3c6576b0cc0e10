import type { ListEventsQuery, RepositoryEventPageDto } from '@/lib/schemas/webhooks';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadEventPage } from './load-event-page';
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
  return loadEventPage(app, { repositoryId: scope.repositoryId! }, query);
}
