import { isBuiltinPolicyName } from '@/lib/access/builtin-policies';
import { absent } from '@/lib/errors/domain-error';
import type { UserPoliciesDto } from '@/lib/schemas/policies';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireAction } from '@/lib/services/access/require-action';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { auditResource } from '@/lib/services/access/audit-resource';

/** Attaches a built-in or custom policy to a user; attaching it again changes nothing. */
export async function attachUserPolicy(app: AppContext, input: { actor: Actor; username: string; policy: string }): Promise<UserPoliciesDto> {
  const { actor, username, policy } = input;
  await requireAction(app, { actor, action: 'cr:ManagePolicy', target: { kind: 'instance' } });
  const user = await app.db.user.findUnique({ where: { username }, select: { id: true } });
  if (!user) throw absent(`user "${username}"`);
  const result = await app.db.$transaction(async (tx) => {
    if (!isBuiltinPolicyName(policy)) {
      // Holds the policy against a concurrent delete-policy until the attachment is committed.
      const rows = await tx.$queryRaw<unknown[]>`SELECT 1 FROM policies WHERE name = ${policy} FOR SHARE`;
      if (rows.length === 0) return null;
    }
    const { count } = await tx.userPolicy.createMany({ data: [{ userId: user.id, policyName: policy }], skipDuplicates: true });
    const attached = await tx.userPolicy.findMany({ where: { userId: user.id }, select: { policyName: true }, orderBy: { policyName: 'asc' } });
    return { added: count > 0, policies: attached.map((a) => a.policyName) };
  });
  if (!result) throw absent(`policy "${policy}"`);
  if (result.added) {
    await recordAuditEvent(app, { actor, action: 'cr:ManagePolicy', ...auditResource(app, { kind: 'user', name: username }), outcome: 'allowed', detail: { op: 'attach', policy } });
  }
  return { username, policies: result.policies };
}
