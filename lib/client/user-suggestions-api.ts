import type { UserDto } from '@/lib/schemas/users';
import { apiFetch, withQuery } from './api-fetch';

/** Users whose name starts with `prefix` (administrators only: GET /api/v1/users needs cr:ManageUser). */
export const suggestUsers = async (prefix: string, signal?: AbortSignal) =>
  (await apiFetch<{ users: UserDto[] }>(withQuery('/api/v1/users', { q: prefix, limit: 8 }), { signal })).users;
