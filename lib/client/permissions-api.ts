import type { PermissionDto, PermissionLevelValue, PermissionListDto } from '@/lib/schemas/permissions';
import { apiFetch } from './api-fetch';

// Grants on a namespace or a repository: the same three calls under either's API path (namespaceApiPath,
// repositoryApiPath).

export const listPermissions = (resourcePath: string, signal?: AbortSignal) =>
  apiFetch<PermissionListDto>(`${resourcePath}/permissions`, { signal });

export const setPermission = (resourcePath: string, username: string, level: PermissionLevelValue) =>
  apiFetch<PermissionDto>(`${resourcePath}/permissions/${encodeURIComponent(username)}`, {
    method: 'PUT',
    body: { level },
  });

export const revokePermission = (resourcePath: string, username: string) =>
  apiFetch<void>(`${resourcePath}/permissions/${encodeURIComponent(username)}`, { method: 'DELETE' });
