import type { BuildRuleDto } from '@/lib/schemas/builds';
import type { Actor, AppContext } from '@/lib/services/context';
import { BUILD_RULE_SELECT, toBuildRuleDto } from './build-rule-dto';
import { requireBuildRepository } from './require-build-repository';

export async function listBuildRules(app: AppContext, input: { actor: Actor; params: { namespace: string; repository: string } }): Promise<{ items: BuildRuleDto[] }> {
  const repo = await requireBuildRepository(app, { actor: input.actor, params: input.params, action: 'cr:ManageBuildRule' });
  const rows = await app.db.buildRule.findMany({ where: { repositoryId: repo.id }, select: BUILD_RULE_SELECT, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return { items: rows.map((r) => toBuildRuleDto(r)) };
}
