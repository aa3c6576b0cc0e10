import { isBuiltinPolicyName } from '@/lib/access/builtin-policies';
import { absent, DomainError } from '@/lib/errors/domain-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireAction } from '@/lib/services/access/require-action';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { auditResource } from '@/lib/services/access/audit-resource';

/** Deletes a custom policy and detaches it from every user, in one transaction. */
export async function deletePolicy(app: AppContext, input: { actor: Actor; name: string }): Promise<void> {
  const { actor, name } = input;
  await requireAction(app, { actor, action: 'cr:ManagePolicy', target: { kind: 'instance' } });
  if (isBuiltinPolicyName(name)) throw new DomainError('forbidden', `"${name}" is a built-in policy and cannot be deleted`);
  const detachedFrom = await app.db.$transaction(async (tx) => {
    // The policy row goes first: attach-user-policy holds a share lock on it while attaching, so an attachment
    // either commits before this delete (and is removed below) or waits and then finds no policy.
    const { count } = await tx.policy.deleteMany({ where: { name } });
    if (count === 0) return null;
    const attached = await tx.userPolicy.findMany({ where: { policyName: name }, select: { user: { select: { username: true } } } });
    await tx.userPolicy.deleteMany({ where: { policyName: name } });
    return attached.map((a) => a.user.username).sort();
  });
  if (!detachedFrom) throw absent(`policy "${name}"`);
  await recordAuditEvent(app, { actor, action: 'cr:ManagePolicy', ...auditResource(app, { kind: 'policy', name: name }), outcome: 'allowed', detail: { op: 'delete', detachedFrom } });
}
