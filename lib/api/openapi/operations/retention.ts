import { createRetentionRuleSchema, retentionResultSchema, retentionRuleListSchema, retentionRuleSchema, runRetentionSchema, updateRetentionRuleSchema } from '@/lib/schemas/retention';
import type { ApiOperation } from '../operation';
import { RULE_SCOPES } from './rule-scopes';

const SEMANTICS =
  'Each rule names tags to keep (keepNewest, keepMatching RE2, removeOlderThanDays: keep those pushed within, ' +
  'removeNotPulledForDays: keep those pulled or pushed within); a tag any applicable rule keeps stays, every other tag goes; immutable tags always stay.';

export const retentionOperations: ApiOperation[] = RULE_SCOPES.flatMap((s) => [
  { method: 'get' as const, path: `${s.base}/retention-rules`, summary: `Retention rules on ${s.what} (a repository lists its namespace's too)`, tag: 'retention', action: s.read, response: retentionRuleListSchema },
  { method: 'post' as const, path: `${s.base}/retention-rules`, summary: `Add a retention rule on ${s.what}. ${SEMANTICS}`, tag: 'retention', action: s.write, body: createRetentionRuleSchema, response: retentionRuleSchema, status: 201 },
  { method: 'patch' as const, path: `${s.base}/retention-rules/{id}`, summary: 'Rename a rule or replace its criterion', tag: 'retention', action: s.write, body: updateRetentionRuleSchema, response: retentionRuleSchema },
  { method: 'delete' as const, path: `${s.base}/retention-rules/{id}`, summary: 'Delete a retention rule', tag: 'retention', action: s.write, status: 204 },
  {
    method: 'post' as const,
    path: `${s.base}/retention-rules/run`,
    summary: 'Apply the rules now (they also run daily at 02:00 UTC); with dryRun, list what would go. Answers the removed tags with the reason; each removal is audited and fires tag.deleted.',
    tag: 'retention',
    action: s.write,
    body: runRetentionSchema,
    response: retentionResultSchema,
  },
]);
