import { randomBytes } from 'node:crypto';
import { isUniqueViolation, type Prisma } from '@/lib/db/client';
import { DomainError } from '@/lib/errors/domain-error';
import type { BuildRuleDto, CreateBuildRuleInput } from '@/lib/schemas/builds';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAllowedChange } from '@/lib/services/audit/record-allowed-change';
import { BUILD_RULE_SELECT, toBuildRuleDto } from './build-rule-dto';
import { requireBuildRepository } from './require-build-repository';
import { sealCredentials } from './seal-credentials';

export function newWebhookSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** Runs a rule's insert or update; a clash with another rule's name there becomes the form's field error. */
export async function withUniqueRuleName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DomainError('conflict', `a build rule named "${name}" already exists in this repository`, { fields: [{ path: 'name', message: 'already exists' }] });
    }
    throw err;
  }
}

/** Creates a build rule owned by the actor; the response carries the webhook secret, this once. */
export async function createBuildRule(
  app: AppContext,
  input: { actor: Actor; params: { namespace: string; repository: string }; data: CreateBuildRuleInput },
): Promise<BuildRuleDto> {
  const { actor, data } = input;
  const repo = await requireBuildRepository(app, { actor, params: input.params, action: 'cr:ManageBuildRule' });
  if (actor.kind !== 'user') throw new DomainError('unauthenticated', 'sign in to create build rules');
  const row = await withUniqueRuleName(data.name, async () =>
    app.db.buildRule.create({
      data: {
        repositoryId: repo.id,
        ownerId: actor.id,
        name: data.name,
        sourceUrl: data.source.url,
        credentials: data.source.credentials ? await sealCredentials(app, data.source.credentials) : null,
        triggerKind: data.trigger.kind,
        triggerPattern: data.trigger.pattern,
        dockerfileDir: data.dockerfileDir,
        dockerfileName: data.dockerfileName,
        tagTemplate: data.tagTemplate,
        buildArgs: data.buildArgs as Prisma.InputJsonValue,
        noCache: data.noCache,
        enabled: data.enabled,
        webhookSecret: data.webhookSecret ?? newWebhookSecret(),
      },
      select: BUILD_RULE_SELECT,
    }),
  );
  await recordAllowedChange(app, {
    actor,
    action: 'cr:ManageBuildRule',
    target: { kind: 'repository-name', name: repo.name },
    detail: { op: 'create', rule: row.id, name: row.name, source: row.sourceUrl },
  });
  return toBuildRuleDto(row, true);
}
