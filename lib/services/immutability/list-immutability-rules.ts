import type { ImmutabilityRuleDto } from '@/lib/schemas/immutability';
import type { Actor, AppContext } from '@/lib/services/context';
import { toImmutabilityRuleDto } from './immutability-rule-dto';
import { requireRuleScope, type RuleScopeRef } from './require-rule-scope';

/**
 * The rules of a namespace, or of a repository: its own and then its namespace's (which apply to it as well,
 * marked `scope: "namespace"`).
 */
export async function listImmutabilityRules(app: AppContext, input: { actor: Actor; scope: RuleScopeRef }): Promise<{ rules: ImmutabilityRuleDto[] }> {
  const scope = await requireRuleScope(app, { actor: input.actor, scope: input.scope, write: false });
  const rows = await app.db.immutabilityRule.findMany({
    where: { namespaceId: scope.namespaceId, OR: [{ repositoryId: null }, ...(scope.repositoryId ? [{ repositoryId: scope.repositoryId }] : [])] },
    orderBy: [{ createdAt: 'asc' }],
  });
  rows.sort((a, b) => Number(a.repositoryId === null) - Number(b.repositoryId === null));
  return { rules: rows.map(toImmutabilityRuleDto) };
}
