import { apiFetch } from '@/lib/client/api-fetch';
import type { CreateUserInput, UpdateUserInput, UserDto } from '@/lib/schemas/users';

// Client calls for /api/v1/users, with their React Query keys (as in policies-api.ts).

export const userKeys = {
  all: ['users'] as const,
  list: () => ['users', 'list'] as const,
};

export const listUsers = async (signal?: AbortSignal) => (await apiFetch<{ users: UserDto[] }>('/api/v1/users', { signal })).users;

export const createUser = (data: CreateUserInput) => apiFetch<UserDto>('/api/v1/users', { method: 'POST', body: data });

export const updateUser = (username: string, data: UpdateUserInput) =>
  apiFetch<UserDto>(`/api/v1/users/${encodeURIComponent(username)}`, { method: 'PATCH', body: data });
