import { absent, DomainError } from '@/lib/errors/domain-error';
import {
  MAX_RETENTION_RULES,
  type CreateRetentionRuleInput,
  type RetentionRuleDto,
  type UpdateRetentionRuleInput,
} from '@/lib/schemas/retention';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireRuleScope, type RuleScopeRef } from '@/lib/services/immutability/require-rule-scope';
import { assertRuleFits, auditRuleChange, ruleNameTaken } from '@/lib/services/immutability/rule-changes';
import { criterionColumns, toRetentionRuleDto } from './retention-rule-dto';

// The four operations on retention rules share their scope checks and audit shape, so they live together.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A namespace's rules, or a repository's own followed by its namespace's (which apply to it too). */
export async function listRetentionRules(app: AppContext, input: { actor: Actor; scope: RuleScopeRef }): Promise<{ rules: RetentionRuleDto[] }> {
  const scope = await requireRuleScope(app, { actor: input.actor, scope: input.scope, write: false });
  const rows = await app.db.retentionRule.findMany({
    where: { namespaceId: scope.namespaceId, OR: [{ repositoryId: null }, ...(scope.repositoryId ? [{ repositoryId: scope.repositoryId }] : [])] },
    orderBy: { createdAt: 'asc' },
  });
  rows.sort((a, b) => Number(a.repositoryId === null) - Number(b.repositoryId === null));
  return { rules: rows.map(toRetentionRuleDto) };
}

export async function createRetentionRule(app: AppContext, input: { actor: Actor; scope: RuleScopeRef; data: CreateRetentionRuleInput }): Promise<RetentionRuleDto> {
  const scope = await requireRuleScope(app, { actor: input.actor, scope: input.scope, write: true });
  const where = { namespaceId: scope.namespaceId, repositoryId: scope.repositoryId };
  const existing = await app.db.retentionRule.findMany({ where, select: { name: true } });
  assertRuleFits(existing, input.data.name, { max: MAX_RETENTION_RULES, kind: 'retention' });
  const row = await app.db.retentionRule.create({ data: { ...where, name: input.data.name, ...criterionColumns(input.data) } });
  await auditRuleChange(app, input.actor, scope, { op: 'create-retention-rule', rule: toRetentionRuleDto(row) });
  return toRetentionRuleDto(row);
}

export async function updateRetentionRule(
  app: AppContext,
  input: { actor: Actor; scope: RuleScopeRef; id: string; data: UpdateRetentionRuleInput },
): Promise<RetentionRuleDto> {
  const scope = await requireRuleScope(app, { actor: input.actor, scope: input.scope, write: true });
  const rule = UUID.test(input.id) ? await app.db.retentionRule.findFirst({ where: { id: input.id, namespaceId: scope.namespaceId, repositoryId: scope.repositoryId } }) : null;
  if (!rule) throw absent('retention rule');
  const { name, ...criteria } = input.data;
  const given = Object.values(criteria).filter((v) => v !== undefined).length;
  if (given > 1) throw new DomainError('invalid', 'give at most one criterion', { fields: [{ path: '(body)', message: 'give at most one criterion' }] });
  if (name && name !== rule.name && (await app.db.retentionRule.count({ where: { namespaceId: scope.namespaceId, repositoryId: scope.repositoryId, name } }))) {
    throw ruleNameTaken(name);
  }
  const row = await app.db.retentionRule.update({
    where: { id: rule.id },
    data: { ...(name ? { name } : {}), ...(given === 1 ? criterionColumns(criteria) : {}) },
  });
  await auditRuleChange(app, input.actor, scope, { op: 'update-retention-rule', rule: toRetentionRuleDto(row) });
  return toRetentionRuleDto(row);
}

export async function deleteRetentionRule(app: AppContext, input: { actor: Actor; scope: RuleScopeRef; id: string }): Promise<void> {
  const scope = await requireRuleScope(app, { actor: input.actor, scope: input.scope, write: true });
  const rule = UUID.test(input.id) ? await app.db.retentionRule.findFirst({ where: { id: input.id, namespaceId: scope.namespaceId, repositoryId: scope.repositoryId } }) : null;
  if (!rule) throw absent('retention rule');
  await app.db.retentionRule.delete({ where: { id: rule.id } });
  await auditRuleChange(app, input.actor, scope, { op: 'delete-retention-rule', name: rule.name });
}
