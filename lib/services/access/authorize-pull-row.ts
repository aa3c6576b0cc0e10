import type { Actor, AppContext } from '@/lib/services/context';
import type { RepositoryRow } from '@/lib/services/repositories/repository-row';
import { authorizeRepository } from './authorize-repository';

/** A repository's columns as a raw pull statement selects them (`r.id::text AS id, r.name, …`). */
export interface PullRowRepository {
  id: string;
  name: string;
  namespace_id: string;
  visibility: RepositoryRow['visibility'];
}

/**
 * For pull paths that fetch the repository and what they serve in one statement (every layer and manifest of every
 * pull asks): authorizes the pull from the row's repository columns, and only then hands the row back (null when the
 * repository is missing), so nothing of what was fetched leaves unless the authorization passes.
 */
export async function authorizePullRow<R extends PullRowRepository>(app: AppContext, input: { actor: Actor; name: string }, rows: Promise<R[]>): Promise<R | null> {
  const lookup = rows.then((found) => found[0] ?? null);
  await authorizeRepository(app, {
    actor: input.actor,
    name: input.name,
    action: 'pull',
    repository: lookup.then((r) => r && { id: r.id, name: r.name, namespaceId: r.namespace_id, visibility: r.visibility }),
  });
  return lookup;
}
