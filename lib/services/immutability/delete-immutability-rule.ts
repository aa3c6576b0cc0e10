import { absent } from '@/lib/errors/domain-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireRuleScope, type RuleScopeRef } from './require-rule-scope';
import { auditRuleChange } from './rule-changes';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Deletes one rule of exactly this scope (a namespace's rule is deleted on the namespace, not on a repository). */
export async function deleteImmutabilityRule(app: AppContext, input: { actor: Actor; scope: RuleScopeRef; id: string }): Promise<void> {
  const scope = await requireRuleScope(app, { actor: input.actor, scope: input.scope, write: true });
  if (!UUID.test(input.id)) throw absent('immutability rule');
  const rule = await app.db.immutabilityRule.findFirst({ where: { id: input.id, namespaceId: scope.namespaceId, repositoryId: scope.repositoryId } });
  if (!rule) throw absent('immutability rule');
  await app.db.immutabilityRule.delete({ where: { id: rule.id } });
  await auditRuleChange(app, input.actor, scope, { op: 'delete-immutability-rule', name: rule.name, pattern: rule.pattern });
}
