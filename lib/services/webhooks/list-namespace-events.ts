import type { Prisma } from '@/lib/db/client';
import type { ListEventsQuery, RepositoryEventPageDto } from '@/lib/schemas/webhooks';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { permits } from '@/lib/services/access/authorize';
import { loadEventPage } from './load-event-page';
import { requireWebhookScope } from './require-webhook-scope';

const ACTION = 'cr:ListWebhook';

/**
 * Recent events across a namespace's repositories, newest first, as listRepositoryEvents shows them per repository
 * (with pushes that fired nothing, and why). The namespace is authorized as for its webhooks; each repository as its
 * own events list is, so a repository whose webhooks the actor may not list (a policy's Deny, say) is left out, not
 * refused: hidden means absent.
 */
export async function listNamespaceEvents(
  app: AppContext,
  input: { actor: Actor; namespace: string; query: ListEventsQuery },
): Promise<RepositoryEventPageDto> {
  const { actor, query } = input;
  const scope = await requireWebhookScope(app, { actor, scope: { kind: 'namespace', namespace: input.namespace }, action: ACTION });
  const profile = await loadAccessProfile(app, actor);
  const repositories = await app.db.repository.findMany({
    where: { namespaceId: scope.namespaceId },
    select: { id: true, name: true, namespaceId: true, visibility: true },
  });
  const visible = repositories.filter((repository) => permits(app, actor, profile, ACTION, { kind: 'repository', repository })).map((r) => r.id);
  // Usually every repository is visible: then the namespace alone scopes the events, without a list of ids.
  const where: Prisma.WebhookEventWhereInput =
    visible.length === repositories.length ? { namespaceId: scope.namespaceId } : { namespaceId: scope.namespaceId, repositoryId: { in: visible } };
  return loadEventPage(app, where, query);
}
