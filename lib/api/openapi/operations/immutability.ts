import { createImmutabilityRuleSchema, immutabilityRuleListSchema, immutabilityRuleSchema } from '@/lib/schemas/immutability';
import type { ApiOperation } from '../operation';
import { RULE_SCOPES } from './rule-scopes';

export const immutabilityOperations: ApiOperation[] = RULE_SCOPES.flatMap((s) => [
  {
    method: 'get' as const,
    path: `${s.base}/immutability-rules`,
    summary: `Immutability rules on ${s.what} (a repository lists its namespace's rules too)`,
    tag: 'immutable tags',
    action: s.read,
    response: immutabilityRuleListSchema,
  },
  {
    method: 'post' as const,
    path: `${s.base}/immutability-rules`,
    summary:
      `Protect tags of ${s.what}: once pushed, a tag matching the RE2 pattern (whole tag) may not be moved to another ` +
      'manifest or deleted; the registry answers DENIED `tag "v1.2" is immutable (rule "releases")`, the API 403 with the same words.',
    tag: 'immutable tags',
    action: s.write,
    body: createImmutabilityRuleSchema,
    response: immutabilityRuleSchema,
    status: 201,
  },
  { method: 'delete' as const, path: `${s.base}/immutability-rules/{id}`, summary: `Delete an immutability rule of ${s.what}`, tag: 'immutable tags', action: s.write, status: 204 },
]);
