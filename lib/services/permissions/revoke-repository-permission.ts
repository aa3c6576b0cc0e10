import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { findGrantee } from './find-grantee';
import { auditResource } from '@/lib/services/access/audit-resource';

/** Removes a user's grant on a repository. Revoking a grant the user does not hold is not an error. */
export async function revokeRepositoryPermission(app: AppContext, input: { actor: Actor; name: string; username: string }): Promise<void> {
  const { actor } = input;
  const { repository } = await requireRepositoryAction(app, { actor, name: input.name, action: 'cr:ManagePermission' });
  const user = await findGrantee(app, input.username);
  const { count } = await app.db.repositoryPermission.deleteMany({ where: { repositoryId: repository.id, userId: user.id } });
  if (count === 0) return;
  await recordAuditEvent(app, {
    actor,
    action: 'cr:ManagePermission',
    ...auditResource(app, { kind: 'repository-name', name: repository.name }),
    outcome: 'allowed',
    detail: { op: 'revoke', username: user.username },
  });
}
