import type {
  CreateRepositoryInput,
  RepositoryDto,
  RepositoryListDto,
  TagDetailDto,
  TagListDto,
  UpdateRepositoryInput,
} from '@/lib/schemas/repositories';
import { apiFetch, withQuery } from './api-fetch';
import type { RepositoryListParams, TagListParams } from './query-keys';
import { repositoryApiPath } from '@/lib/paths/repository-paths';

export const listRepositories = (params: RepositoryListParams, signal?: AbortSignal) =>
  apiFetch<RepositoryListDto>(withQuery('/api/v1/repositories', { ...params }), { signal });

export const createRepository = (data: CreateRepositoryInput) => apiFetch<RepositoryDto>('/api/v1/repositories', { method: 'POST', body: data });

export const getRepository = (name: string, signal?: AbortSignal) => apiFetch<RepositoryDto>(repositoryApiPath(name), { signal });

export const updateRepository = (name: string, data: UpdateRepositoryInput) =>
  apiFetch<RepositoryDto>(repositoryApiPath(name), { method: 'PATCH', body: data });

export const deleteRepository = (name: string) => apiFetch<void>(repositoryApiPath(name), { method: 'DELETE' });

export const listTags = (name: string, params: TagListParams, signal?: AbortSignal) =>
  apiFetch<TagListDto>(withQuery(`${repositoryApiPath(name)}/tags`, { ...params }), { signal });

export const getTag = (name: string, tag: string, signal?: AbortSignal) =>
  apiFetch<TagDetailDto>(`${repositoryApiPath(name)}/tags/${encodeURIComponent(tag)}`, { signal });

export const getTagPlatform = (name: string, tag: string, digest: string, signal?: AbortSignal) =>
  apiFetch<TagDetailDto>(`${repositoryApiPath(name)}/tags/${encodeURIComponent(tag)}/platforms/${encodeURIComponent(digest)}`, { signal });

export const deleteTag = (name: string, tag: string) =>
  apiFetch<void>(`${repositoryApiPath(name)}/tags/${encodeURIComponent(tag)}`, { method: 'DELETE' });
