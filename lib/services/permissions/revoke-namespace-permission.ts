import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { requireNamespaceAction } from '@/lib/services/namespaces/require-namespace-action';
import { findGrantee } from './find-grantee';
import { auditResource } from '@/lib/services/access/audit-resource';

/** Removes a user's grant on a namespace. Revoking a grant the user does not hold is not an error. */
export async function revokeNamespacePermission(app: AppContext, input: { actor: Actor; namespace: string; username: string }): Promise<void> {
  const { actor } = input;
  const { namespace } = await requireNamespaceAction(app, { actor, name: input.namespace, action: 'cr:ManagePermission' });
  const user = await findGrantee(app, input.username);
  const { count } = await app.db.namespacePermission.deleteMany({ where: { namespaceId: namespace.id, userId: user.id } });
  if (count === 0) return;
  await recordAuditEvent(app, {
    actor,
    action: 'cr:ManagePermission',
    ...auditResource(app, { kind: 'namespace-name', name: namespace.name }),
    outcome: 'allowed',
    detail: { op: 'revoke', username: user.username },
  });
}
