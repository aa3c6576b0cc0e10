import type { PermissionDto, PermissionLevelValue } from '@/lib/schemas/permissions';
import type { Actor, AppContext } from '@/lib/services/context';
import { setPermission } from './set-permission';

/** Grants a user a level on a repository, or changes the level they hold. Takes effect on their next request. */
export async function setRepositoryPermission(
  app: AppContext,
  input: { actor: Actor; name: string; username: string; level: PermissionLevelValue },
): Promise<PermissionDto> {
  return setPermission(app, { ...input, scope: { kind: 'repository', name: input.name } });
}
