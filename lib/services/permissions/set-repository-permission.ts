import type { PermissionDto, PermissionLevelValue } from '@/lib/schemas/permissions';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { findGrantee } from './find-grantee';
import { fromDbLevel, toDbLevel } from './permission-level';
import { auditResource } from '@/lib/services/access/audit-resource';

/** Grants a user a level on a repository, or changes the level they hold. Takes effect on their next request. */
export async function setRepositoryPermission(
  app: AppContext,
  input: { actor: Actor; name: string; username: string; level: PermissionLevelValue },
): Promise<PermissionDto> {
  const { actor } = input;
  const { repository } = await requireRepositoryAction(app, { actor, name: input.name, action: 'cr:ManagePermission' });
  const user = await findGrantee(app, input.username);
  const level = toDbLevel(input.level);
  const row = await app.db.repositoryPermission.upsert({
    where: { repositoryId_userId: { repositoryId: repository.id, userId: user.id } },
    create: { repositoryId: repository.id, userId: user.id, level },
    update: { level },
    select: { level: true, createdAt: true },
  });
  await recordAuditEvent(app, {
    actor,
    action: 'cr:ManagePermission',
    ...auditResource(app, { kind: 'repository-name', name: repository.name }),
    outcome: 'allowed',
    detail: { op: 'grant', username: user.username, level: input.level },
  });
  return { username: user.username, level: fromDbLevel(row.level), createdAt: row.createdAt.toISOString() };
}
