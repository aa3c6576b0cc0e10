import { isBuiltinPolicyName } from '@/lib/access/builtin-policies';
import { absent } from '@/lib/errors/domain-error';
import type { UserPoliciesDto } from '@/lib/schemas/policies';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireAction } from '@/lib/services/access/require-action';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { auditResource } from '@/lib/services/access/audit-resource';

/** Detaches a policy from a user; it takes effect on the user's next request. Detaching it again changes nothing. */
export async function detachUserPolicy(app: AppContext, input: { actor: Actor; username: string; policy: string }): Promise<UserPoliciesDto> {
  const { actor, username, policy } = input;
  await requireAction(app, { actor, action: 'cr:ManagePolicy', target: { kind: 'instance' } });
  const user = await app.db.user.findUnique({ where: { username }, select: { id: true } });
  if (!user) throw absent(`user "${username}"`);
  const { count } = await app.db.userPolicy.deleteMany({ where: { userId: user.id, policyName: policy } });
  if (count === 0 && !isBuiltinPolicyName(policy) && !(await app.db.policy.count({ where: { name: policy } }))) {
    throw absent(`policy "${policy}"`);
  }
  if (count > 0) {
    await recordAuditEvent(app, { actor, action: 'cr:ManagePolicy', ...auditResource(app, { kind: 'user', name: username }), outcome: 'allowed', detail: { op: 'detach', policy } });
  }
  const attached = await app.db.userPolicy.findMany({ where: { userId: user.id }, select: { policyName: true }, orderBy: { policyName: 'asc' } });
  return { username, policies: attached.map((a) => a.policyName) };
}
