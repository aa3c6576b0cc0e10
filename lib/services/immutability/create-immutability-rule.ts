import { MAX_IMMUTABILITY_RULES, type CreateImmutabilityRuleInput, type ImmutabilityRuleDto } from '@/lib/schemas/immutability';
import type { Actor, AppContext } from '@/lib/services/context';
import { toImmutabilityRuleDto } from './immutability-rule-dto';
import { requireRuleScope, type RuleScopeRef } from './require-rule-scope';
import { assertRuleFits, auditRuleChange } from './rule-changes';

export async function createImmutabilityRule(
  app: AppContext,
  input: { actor: Actor; scope: RuleScopeRef; data: CreateImmutabilityRuleInput },
): Promise<ImmutabilityRuleDto> {
  const scope = await requireRuleScope(app, { actor: input.actor, scope: input.scope, write: true });
  const where = { namespaceId: scope.namespaceId, repositoryId: scope.repositoryId };
  const existing = await app.db.immutabilityRule.findMany({ where, select: { name: true } });
  assertRuleFits(existing, input.data.name, { max: MAX_IMMUTABILITY_RULES, kind: 'immutability' });
  const row = await app.db.immutabilityRule.create({ data: { ...where, name: input.data.name, pattern: input.data.pattern } });
  await auditRuleChange(app, input.actor, scope, { op: 'create-immutability-rule', name: row.name, pattern: row.pattern });
  return toImmutabilityRuleDto(row);
}
