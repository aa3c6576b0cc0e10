import type { BuildDto, BuildLogDto, BuildRuleDto, CreateBuildRuleInput, UpdateBuildRuleInput } from '@/lib/schemas/builds';
import { apiFetch } from './api-fetch';
import { repositoryApiPath } from '@/lib/paths/repository-paths';

// React Query keys of the Builds tab; a rule change invalidates `rules`, a run or cancel `history` and the build.
export const buildKeys = {
  all: (repo: string) => ['builds', repo] as const,
  rules: (repo: string) => ['builds', repo, 'rules'] as const,
  history: (repo: string) => ['builds', repo, 'history'] as const,
  build: (repo: string, id: string) => ['builds', repo, 'build', id] as const,
};

const rules = (repo: string) => `${repositoryApiPath(repo)}/build-rules`;
const builds = (repo: string) => `${repositoryApiPath(repo)}/builds`;

export const listBuildRules = async (repo: string, signal?: AbortSignal) => (await apiFetch<{ items: BuildRuleDto[] }>(rules(repo), { signal })).items;
export const createBuildRule = (repo: string, data: CreateBuildRuleInput) => apiFetch<BuildRuleDto>(rules(repo), { method: 'POST', body: data });
export const updateBuildRule = (repo: string, id: string, data: UpdateBuildRuleInput) =>
  apiFetch<BuildRuleDto>(`${rules(repo)}/${encodeURIComponent(id)}`, { method: 'PATCH', body: data });
export const deleteBuildRule = (repo: string, id: string) => apiFetch<void>(`${rules(repo)}/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const runBuildRule = (repo: string, id: string, ref: string) => apiFetch<BuildDto>(`${rules(repo)}/${encodeURIComponent(id)}/run`, { method: 'POST', body: { ref } });

export const listBuilds = (repo: string, signal?: AbortSignal) => apiFetch<{ items: BuildDto[]; nextCursor: string | null }>(`${builds(repo)}?limit=50`, { signal });
export const getBuild = (repo: string, id: string, signal?: AbortSignal) => apiFetch<BuildDto>(`${builds(repo)}/${encodeURIComponent(id)}`, { signal });
export const readBuildLog = (repo: string, id: string, offset: number, signal?: AbortSignal) =>
  apiFetch<BuildLogDto>(`${builds(repo)}/${encodeURIComponent(id)}/log?offset=${offset}`, { signal });
export const cancelBuild = (repo: string, id: string) => apiFetch<BuildDto>(`${builds(repo)}/${encodeURIComponent(id)}/cancel`, { method: 'POST' });

export const isActive = (status: BuildDto['status']) => status === 'queued' || status === 'running';
