import type { PermissionDto, PermissionLevelValue } from '@/lib/schemas/permissions';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { requireNamespaceAction } from '@/lib/services/namespaces/require-namespace-action';
import { findGrantee } from './find-grantee';
import { fromDbLevel, toDbLevel } from './permission-level';
import { auditResource } from '@/lib/services/access/audit-resource';

/** Grants a user a level on a namespace, or changes the level they hold. Takes effect on their next request. */
export async function setNamespacePermission(
  app: AppContext,
  input: { actor: Actor; namespace: string; username: string; level: PermissionLevelValue },
): Promise<PermissionDto> {
  const { actor } = input;
  const { namespace } = await requireNamespaceAction(app, { actor, name: input.namespace, action: 'cr:ManagePermission' });
  const user = await findGrantee(app, input.username);
  const level = toDbLevel(input.level);
  const row = await app.db.namespacePermission.upsert({
    where: { namespaceId_userId: { namespaceId: namespace.id, userId: user.id } },
    create: { namespaceId: namespace.id, userId: user.id, level },
    update: { level },
    select: { level: true, createdAt: true },
  });
  await recordAuditEvent(app, {
    actor,
    action: 'cr:ManagePermission',
    ...auditResource(app, { kind: 'namespace-name', name: namespace.name }),
    outcome: 'allowed',
    detail: { op: 'grant', username: user.username, level: input.level },
  });
  return { username: user.username, level: fromDbLevel(row.level), createdAt: row.createdAt.toISOString() };
}
