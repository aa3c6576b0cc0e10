import type { Actor, AppContext } from '@/lib/services/context';
import { recordAllowedChange } from '@/lib/services/audit/record-allowed-change';
import { findBuildRule } from './find-build-rule';
import { requireBuildRepository } from './require-build-repository';

/** Deletes a rule; its builds stay in the history (with the rule's name), and queued ones still run to an end. */
export async function deleteBuildRule(app: AppContext, input: { actor: Actor; params: { namespace: string; repository: string }; id: string }): Promise<void> {
  const { actor } = input;
  const repo = await requireBuildRepository(app, { actor, params: input.params, action: 'cr:ManageBuildRule' });
  const row = await findBuildRule(app, repo.id, input.id);
  await app.db.buildRule.deleteMany({ where: { id: row.id } });
  await recordAllowedChange(app, {
    actor,
    action: 'cr:ManageBuildRule',
    target: { kind: 'repository-name', name: repo.name },
    detail: { op: 'delete', rule: row.id, name: row.name },
  });
}
