import type { Actor, AppContext } from '@/lib/services/context';
import { recordAllowedChange } from '@/lib/services/audit/record-allowed-change';
import { findGrantee } from './find-grantee';
import { requireGrantScope, type GrantScopeRef } from './grant-scope';

/** Removes a user's grant on a namespace or repository. Revoking a grant the user does not hold is not an error. */
export async function revokePermission(app: AppContext, input: { actor: Actor; scope: GrantScopeRef; username: string }): Promise<void> {
  const { actor } = input;
  const scope = await requireGrantScope(app, actor, input.scope);
  const user = await findGrantee(app, input.username);
  const { count } =
    scope.kind === 'namespace'
      ? await app.db.namespacePermission.deleteMany({ where: { namespaceId: scope.id, userId: user.id } })
      : await app.db.repositoryPermission.deleteMany({ where: { repositoryId: scope.id, userId: user.id } });
  if (count === 0) return;
  const detail = { op: 'revoke', username: user.username };
  await recordAllowedChange(app, { actor, action: 'cr:ManagePermission', target: scope.target, detail });
}
