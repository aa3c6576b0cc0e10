import type { Prisma } from '@/lib/db/client';
import { DomainError } from '@/lib/errors/domain-error';
import type { BuildRuleDto, UpdateBuildRuleInput } from '@/lib/schemas/builds';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAllowedChange } from '@/lib/services/audit/record-allowed-change';
import { BUILD_RULE_SELECT, toBuildRuleDto } from './build-rule-dto';
import { newWebhookSecret, withUniqueRuleName } from './create-build-rule';
import { findBuildRule } from './find-build-rule';
import { requireBuildRepository } from './require-build-repository';
import { sealCredentials } from './seal-credentials';

/**
 * Changes a rule. Whoever saves it becomes its owner: builds then push with their access, so nobody can make a
 * rule act beyond what they themselves may do.
 */
export async function updateBuildRule(
  app: AppContext,
  input: { actor: Actor; params: { namespace: string; repository: string }; id: string; data: UpdateBuildRuleInput },
): Promise<BuildRuleDto> {
  const { actor, data } = input;
  const repo = await requireBuildRepository(app, { actor, params: input.params, action: 'cr:ManageBuildRule' });
  if (actor.kind !== 'user') throw new DomainError('unauthenticated', 'sign in to change build rules');
  const current = await findBuildRule(app, repo.id, input.id);
  const newSecret = data.regenerateWebhookSecret ? newWebhookSecret() : data.webhookSecret;
  const credentials = data.source?.credentials;
  const row = await withUniqueRuleName(data.name ?? current.name, async () =>
    app.db.buildRule.update({
      where: { id: current.id },
      data: {
        ownerId: actor.id,
        name: data.name,
        sourceUrl: data.source?.url,
        credentials: credentials === undefined ? undefined : credentials === null ? null : await sealCredentials(app, credentials),
        triggerKind: data.trigger?.kind,
        triggerPattern: data.trigger?.pattern,
        dockerfileDir: data.dockerfileDir,
        dockerfileName: data.dockerfileName,
        tagTemplate: data.tagTemplate,
        buildArgs: data.buildArgs as Prisma.InputJsonValue | undefined,
        noCache: data.noCache,
        enabled: data.enabled,
        webhookSecret: newSecret,
      },
      select: BUILD_RULE_SELECT,
    }),
  );
  await recordAllowedChange(app, {
    actor,
    action: 'cr:ManageBuildRule',
    target: { kind: 'repository-name', name: repo.name },
    detail: { op: 'update', rule: row.id, name: row.name, changed: Object.keys(data).filter((k) => data[k as keyof UpdateBuildRuleInput] !== undefined) },
  });
  return toBuildRuleDto(row, newSecret !== undefined);
}
