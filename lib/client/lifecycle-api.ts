import { apiFetch } from '@/lib/client/api-fetch';
import { namespaceApiPath, repositoryApiPath } from '@/lib/paths/repository-paths';
import type { GcRunDto, GcRunListDto, RequestGcInput } from '@/lib/schemas/gc';
import type { CreateImmutabilityRuleInput, ImmutabilityRuleDto } from '@/lib/schemas/immutability';
import type { CopyTagInput, CopyTagResultDto } from '@/lib/schemas/promotion';
import type { CreateRetentionRuleInput, RetentionResultDto, RetentionRuleDto, UpdateRetentionRuleInput } from '@/lib/schemas/retention';

// Client calls for image lifecycle (garbage collection, retention and immutability rules, promotion), with their
// React Query keys (see policies-api.ts for the pattern).

/** Where tag rules live: a whole namespace, or one repository (`team/app`). */
export type RuleScope = { kind: 'namespace'; name: string } | { kind: 'repository'; name: string };

export const lifecycleKeys = {
  gcRuns: ['gc', 'runs'] as const,
  retention: (scope: RuleScope) => ['lifecycle', scope.kind, scope.name, 'retention'] as const,
  immutability: (scope: RuleScope) => ['lifecycle', scope.kind, scope.name, 'immutability'] as const,
};

const scopePath = (scope: RuleScope) => (scope.kind === 'namespace' ? namespaceApiPath(scope.name) : repositoryApiPath(scope.name));

export const listGcRuns = (signal?: AbortSignal) => apiFetch<GcRunListDto>('/api/v1/gc/runs', { signal });
export const requestGc = (data: RequestGcInput) => apiFetch<GcRunDto>('/api/v1/gc', { method: 'POST', body: data });

export const listRetentionRules = async (scope: RuleScope, signal?: AbortSignal) =>
  (await apiFetch<{ rules: RetentionRuleDto[] }>(`${scopePath(scope)}/retention-rules`, { signal })).rules;
export const createRetentionRule = (scope: RuleScope, data: CreateRetentionRuleInput) =>
  apiFetch<RetentionRuleDto>(`${scopePath(scope)}/retention-rules`, { method: 'POST', body: data });
export const updateRetentionRule = (scope: RuleScope, id: string, data: UpdateRetentionRuleInput) =>
  apiFetch<RetentionRuleDto>(`${scopePath(scope)}/retention-rules/${encodeURIComponent(id)}`, { method: 'PATCH', body: data });
export const deleteRetentionRule = (scope: RuleScope, id: string) =>
  apiFetch<void>(`${scopePath(scope)}/retention-rules/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const runRetention = (scope: RuleScope, dryRun: boolean) =>
  apiFetch<RetentionResultDto>(`${scopePath(scope)}/retention-rules/run`, { method: 'POST', body: { dryRun } });

export const listImmutabilityRules = async (scope: RuleScope, signal?: AbortSignal) =>
  (await apiFetch<{ rules: ImmutabilityRuleDto[] }>(`${scopePath(scope)}/immutability-rules`, { signal })).rules;
export const createImmutabilityRule = (scope: RuleScope, data: CreateImmutabilityRuleInput) =>
  apiFetch<ImmutabilityRuleDto>(`${scopePath(scope)}/immutability-rules`, { method: 'POST', body: data });
export const deleteImmutabilityRule = (scope: RuleScope, id: string) =>
  apiFetch<void>(`${scopePath(scope)}/immutability-rules/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const copyTag = (repository: string, tag: string, data: CopyTagInput) =>
  apiFetch<CopyTagResultDto>(`${repositoryApiPath(repository)}/tags/${encodeURIComponent(tag)}/copy`, { method: 'POST', body: data });
