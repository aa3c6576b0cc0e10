import { DomainError } from '@/lib/errors/domain-error';
import { MAX_IMMUTABILITY_RULES, type CreateImmutabilityRuleInput, type ImmutabilityRuleDto } from '@/lib/schemas/immutability';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { toImmutabilityRuleDto } from './immutability-rule-dto';
import { requireRuleScope, type RuleScopeRef } from './require-rule-scope';

export async function createImmutabilityRule(
  app: AppContext,
  input: { actor: Actor; scope: RuleScopeRef; data: CreateImmutabilityRuleInput },
): Promise<ImmutabilityRuleDto> {
  const scope = await requireRuleScope(app, { actor: input.actor, scope: input.scope, write: true });
  const where = { namespaceId: scope.namespaceId, repositoryId: scope.repositoryId };
  const existing = await app.db.immutabilityRule.findMany({ where, select: { name: true } });
  if (existing.some((r) => r.name === input.data.name)) {
    throw new DomainError('conflict', `a rule named "${input.data.name}" exists here`, { fields: [{ path: 'name', message: 'already used here' }] });
  }
  if (existing.length >= MAX_IMMUTABILITY_RULES) throw new DomainError('limit-exceeded', `at most ${MAX_IMMUTABILITY_RULES} immutability rules here`);
  const row = await app.db.immutabilityRule.create({ data: { ...where, name: input.data.name, pattern: input.data.pattern } });
  await recordAuditEvent(app, {
    actor: input.actor,
    action: scope.repositoryId ? 'cr:UpdateRepository' : 'cr:UpdateNamespace',
    resource: scope.resource,
    namespace: scope.namespaceName,
    outcome: 'allowed',
    detail: { op: 'create-immutability-rule', name: row.name, pattern: row.pattern },
  });
  return toImmutabilityRuleDto(row);
}
