import { RegistryError } from '@/lib/errors/registry-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { createRepositoryOnPush } from '@/lib/services/repositories/create-repository-on-push';
import { findRepository } from '@/lib/services/repositories/find-repository';
import type { RepositoryRow } from '@/lib/services/repositories/repository-row';

export type RepositoryAction = 'pull' | 'push' | 'delete';

/**
 * Resolves a repository for an action by an actor, or throws the registry error the client should see.
 * Every authenticated user may pull, push and delete; anonymous callers must authenticate.
 */
export async function authorizeRepository(
  app: AppContext,
  input: { actor: Actor; name: string; action: RepositoryAction },
): Promise<RepositoryRow> {
  const { actor, name, action } = input;
  if (actor.kind === 'anonymous') throw new RegistryError('UNAUTHORIZED');
  const repo = await findRepository(app, name);
  if (repo) return repo;
  if (action === 'push') return createRepositoryOnPush(app, actor, name);
  throw new RegistryError('NAME_UNKNOWN', `repository "${name}" not found`);
}
