import type { CreateNamespaceInput, NamespaceDto, NamespaceListDto, UpdateNamespaceInput } from '@/lib/schemas/namespaces';
import { apiFetch } from './api-fetch';
import { namespaceApiPath } from '@/lib/paths/repository-paths';

export const listNamespaces = (signal?: AbortSignal) => apiFetch<NamespaceListDto>('/api/v1/namespaces', { signal });

export const getNamespace = (name: string, signal?: AbortSignal) => apiFetch<NamespaceDto>(namespaceApiPath(name), { signal });

export const createNamespace = (data: CreateNamespaceInput) => apiFetch<NamespaceDto>('/api/v1/namespaces', { method: 'POST', body: data });

export const updateNamespace = (name: string, data: UpdateNamespaceInput) =>
  apiFetch<NamespaceDto>(namespaceApiPath(name), { method: 'PATCH', body: data });

export const deleteNamespace = (name: string) =>
  apiFetch<void>(`${namespaceApiPath(name)}?confirm=${encodeURIComponent(name)}`, { method: 'DELETE' });
