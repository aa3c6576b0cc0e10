import { DomainError } from '@/lib/errors/domain-error';
import type { BuildDto, RunBuildInput } from '@/lib/schemas/builds';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAllowedChange } from '@/lib/services/audit/record-allowed-change';
import { actorName } from '@/lib/services/context';
import { findBuildRule } from './find-build-rule';
import { queueBuild } from './queue-build';
import { requireBuildRepository } from './require-build-repository';

/** "Build now": queues a build of `ref` (a branch, tag or commit) with a rule. */
export async function runBuildRule(
  app: AppContext,
  input: { actor: Actor; params: { namespace: string; repository: string }; id: string; data: RunBuildInput },
): Promise<BuildDto> {
  const { actor } = input;
  const repo = await requireBuildRepository(app, { actor, params: input.params, action: 'cr:RunBuild' });
  const rule = await findBuildRule(app, repo.id, input.id);
  if (!rule.enabled) throw new DomainError('conflict', 'the build rule is disabled; enable it to build');
  const build = await queueBuild(app, { rule, ref: input.data.ref, triggeredBy: 'manual', requestedBy: actorName(actor) });
  await recordAllowedChange(app, {
    actor,
    action: 'cr:RunBuild',
    target: { kind: 'repository-name', name: repo.name },
    detail: { build: build.id, rule: rule.id, ref: input.data.ref },
  });
  return build;
}
