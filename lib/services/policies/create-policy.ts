import { isUniqueViolation } from '@/lib/db/client';
import type { Prisma } from '@/lib/db/client';
import { DomainError } from '@/lib/errors/domain-error';
import type { CreatePolicyInput, PolicyDto } from '@/lib/schemas/policies';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireAction } from '@/lib/services/access/require-action';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { parsePolicyDocumentInput } from './parse-policy-document-input';
import { customPolicyDto, POLICY_ROW_SELECT } from './policy-dto';
import { isReservedPolicyName } from './reserved-policy-name';
import { auditResource } from '@/lib/services/access/audit-resource';

export async function createPolicy(app: AppContext, input: { actor: Actor; data: CreatePolicyInput }): Promise<PolicyDto> {
  const { actor, data } = input;
  await requireAction(app, { actor, action: 'cr:ManagePolicy', target: { kind: 'instance' } });
  if (isReservedPolicyName(data.name)) {
    throw new DomainError('conflict', `policy name "${data.name}" is reserved`, { fields: [{ path: 'name', message: 'is reserved' }] });
  }
  const document = parsePolicyDocumentInput(data.document);
  try {
    const row = await app.db.policy.create({
      data: { name: data.name, description: data.description, document: document as Prisma.InputJsonValue },
      select: POLICY_ROW_SELECT,
    });
    await recordAuditEvent(app, { actor, action: 'cr:ManagePolicy', ...auditResource(app, { kind: 'policy', name: data.name }), outcome: 'allowed', detail: { op: 'create' } });
    return customPolicyDto(row, []);
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DomainError('conflict', `policy "${data.name}" already exists`, { fields: [{ path: 'name', message: 'already taken' }] });
    }
    throw err;
  }
}
