import type { BuildRuleDto } from '@/lib/schemas/builds';
import type { Actor, AppContext } from '@/lib/services/context';
import { toBuildRuleDto } from './build-rule-dto';
import { findBuildRule } from './find-build-rule';
import { requireBuildRepository } from './require-build-repository';

export async function getBuildRule(app: AppContext, input: { actor: Actor; params: { namespace: string; repository: string }; id: string }): Promise<BuildRuleDto> {
  const repo = await requireBuildRepository(app, { actor: input.actor, params: input.params, action: 'cr:ManageBuildRule' });
  return toBuildRuleDto(await findBuildRule(app, repo.id, input.id));
}
