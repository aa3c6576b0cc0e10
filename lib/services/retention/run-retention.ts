import type { RetentionResultDto } from '@/lib/schemas/retention';
import { actorName, type Actor, type AppContext } from '@/lib/services/context';
import { requireRuleScope, type RuleScopeRef } from '@/lib/services/immutability/require-rule-scope';
import { applyRetention } from './apply-retention';

/** `POST …/retention-rules/run`: whoever manages the rules applies them now, or previews them with `dryRun`. */
export async function runRetention(app: AppContext, input: { actor: Actor; scope: RuleScopeRef; dryRun: boolean }): Promise<RetentionResultDto> {
  const scope = await requireRuleScope(app, { actor: input.actor, scope: input.scope, write: true });
  return applyRetention(app, {
    actor: input.actor,
    operator: actorName(input.actor),
    namespaceId: scope.namespaceId,
    repositoryId: scope.repositoryId,
    dryRun: input.dryRun,
  });
}

/** The daily run: every namespace that has rules. */
export async function scheduledRetention(app: AppContext): Promise<void> {
  const namespaces = await app.db.retentionRule.findMany({ distinct: ['namespaceId'], select: { namespaceId: true } });
  for (const { namespaceId } of namespaces) {
    await applyRetention(app, { actor: { kind: 'anonymous', origin: { via: 'api' } }, operator: 'retention', namespaceId, repositoryId: null, dryRun: false });
  }
}
