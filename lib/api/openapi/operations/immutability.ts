import { createImmutabilityRuleSchema, immutabilityRuleListSchema, immutabilityRuleSchema } from '@/lib/schemas/immutability';
import type { ApiOperation } from '../operation';

const SCOPES = [
  { base: '/api/v1/namespaces/{namespace}', read: 'cr:GetNamespace', write: 'cr:UpdateNamespace', what: 'every repository of a namespace' },
  { base: '/api/v1/repositories/{namespace}/{repository}', read: 'cr:GetRepository', write: 'cr:UpdateRepository', what: 'one repository' },
] as const;

export const immutabilityOperations: ApiOperation[] = SCOPES.flatMap((s) => [
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
