import { apiFetch } from '@/lib/client/api-fetch';
import type { CreatedTokenDto, CreateTokenInput, TokenDto } from '@/lib/schemas/tokens';

// Client calls for the signed-in user's access tokens, with their React Query keys (see policies-api.ts).

export const tokenKeys = {
  all: ['tokens'] as const,
  list: () => ['tokens', 'list'] as const,
};

export const listTokens = async (signal?: AbortSignal) => (await apiFetch<{ tokens: TokenDto[] }>('/api/v1/tokens', { signal })).tokens;

export const createToken = (data: CreateTokenInput) => apiFetch<CreatedTokenDto>('/api/v1/tokens', { method: 'POST', body: data });

export const revokeToken = (id: string) => apiFetch<void>(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
