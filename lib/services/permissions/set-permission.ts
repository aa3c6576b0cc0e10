import type { PermissionDto, PermissionLevelValue } from '@/lib/schemas/permissions';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAllowedChange } from '@/lib/services/audit/record-allowed-change';
import { findGrantee } from './find-grantee';
import { requireGrantScope, type GrantScopeRef } from './grant-scope';
import { GRANT_SELECT, toPermissionDto } from './permission-dto';
import { toDbLevel } from './permission-level';

/** Grants a user a level on a namespace or repository, or changes the level they hold. Takes effect on their next request. */
export async function setPermission(
  app: AppContext,
  input: { actor: Actor; scope: GrantScopeRef; username: string; level: PermissionLevelValue },
): Promise<PermissionDto> {
  const { actor } = input;
  const scope = await requireGrantScope(app, actor, input.scope);
  const user = await findGrantee(app, input.username);
  const level = toDbLevel(input.level);
  const row =
    scope.kind === 'namespace'
      ? await app.db.namespacePermission.upsert({
          where: { namespaceId_userId: { namespaceId: scope.id, userId: user.id } },
          create: { namespaceId: scope.id, userId: user.id, level },
          update: { level },
          select: GRANT_SELECT,
        })
      : await app.db.repositoryPermission.upsert({
          where: { repositoryId_userId: { repositoryId: scope.id, userId: user.id } },
          create: { repositoryId: scope.id, userId: user.id, level },
          update: { level },
          select: GRANT_SELECT,
        });
  const detail = { op: 'grant', username: user.username, level: input.level };
  await recordAllowedChange(app, { actor, action: 'cr:ManagePermission', target: scope.target, detail });
  return toPermissionDto(user.username, row);
}
