import type { PermissionListDto } from '@/lib/schemas/permissions';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireGrantScope, type GrantScopeRef } from './grant-scope';
import { GRANT_SELECT, toPermissionDto } from './permission-dto';

/**
 * Who holds a grant on a namespace (reaching every repository in it; the owner holds admin without a row), or on one
 * repository (namespace grants are listed on the namespace), by username.
 */
export async function listPermissions(app: AppContext, input: { actor: Actor; scope: GrantScopeRef }): Promise<PermissionListDto> {
  const scope = await requireGrantScope(app, input.actor, input.scope);
  const query = { select: { ...GRANT_SELECT, user: { select: { username: true } } }, orderBy: { user: { username: 'asc' } } } as const;
  const rows =
    scope.kind === 'namespace'
      ? await app.db.namespacePermission.findMany({ where: { namespaceId: scope.id }, ...query })
      : await app.db.repositoryPermission.findMany({ where: { repositoryId: scope.id }, ...query });
  return { items: rows.map((r) => toPermissionDto(r.user.username, r)) };
}
