import { isBuiltinPolicyName } from '@/lib/access/builtin-policies';
import type { Prisma } from '@/lib/db/client';
import { absent, DomainError } from '@/lib/errors/domain-error';
import type { PolicyDto, UpdatePolicyInput } from '@/lib/schemas/policies';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireAction } from '@/lib/services/access/require-action';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { findPolicy } from './find-policy';
import { parsePolicyDocumentInput } from './parse-policy-document-input';
import { auditResource } from '@/lib/services/access/audit-resource';

/** Replaces a custom policy's description and document; it takes effect on the next request of every user it is attached to. */
export async function updatePolicy(app: AppContext, input: { actor: Actor; name: string; data: UpdatePolicyInput }): Promise<PolicyDto> {
  const { actor, name, data } = input;
  await requireAction(app, { actor, action: 'cr:ManagePolicy', target: { kind: 'instance' } });
  if (isBuiltinPolicyName(name)) {
    throw new DomainError('forbidden', `"${name}" is a built-in policy and cannot be changed; create a custom policy instead`);
  }
  const document = parsePolicyDocumentInput(data.document);
  const { count } = await app.db.policy.updateMany({
    where: { name },
    data: { description: data.description, document: document as Prisma.InputJsonValue },
  });
  if (count === 0) throw absent(`policy "${name}"`);
  await recordAuditEvent(app, { actor, action: 'cr:ManagePolicy', ...auditResource(app, { kind: 'policy', name: name }), outcome: 'allowed', detail: { op: 'update' } });
  const policy = await findPolicy(app, name);
  if (!policy) throw absent(`policy "${name}"`); // deleted in between
  return policy;
}
