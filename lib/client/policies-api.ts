import { apiFetch } from '@/lib/client/api-fetch';
import type { CreatePolicyInput, PolicyDto, SimulateAccessInput, SimulationDto, UpdatePolicyInput, UserPoliciesDto } from '@/lib/schemas/policies';

// Client calls for /api/v1/policies and the user↔policy attachments, with their React Query keys.

export const policyKeys = {
  all: ['policies'] as const,
  list: () => ['policies', 'list'] as const,
  detail: (name: string) => ['policies', 'detail', name] as const,
};

const policyPath = (name: string) => `/api/v1/policies/${encodeURIComponent(name)}`;

export const listPolicies = async (signal?: AbortSignal) => (await apiFetch<{ policies: PolicyDto[] }>('/api/v1/policies', { signal })).policies;

export const getPolicy = (name: string, signal?: AbortSignal) => apiFetch<PolicyDto>(policyPath(name), { signal });

export const createPolicy = (data: CreatePolicyInput) => apiFetch<PolicyDto>('/api/v1/policies', { method: 'POST', body: data });

export const updatePolicy = (name: string, data: UpdatePolicyInput) => apiFetch<PolicyDto>(policyPath(name), { method: 'PUT', body: data });

export const deletePolicy = (name: string) => apiFetch<void>(policyPath(name), { method: 'DELETE' });

export const simulateAccess = (data: SimulateAccessInput) => apiFetch<SimulationDto>('/api/v1/policies/simulate', { method: 'POST', body: data });

const attachmentPath = (username: string, policy: string) => `/api/v1/users/${encodeURIComponent(username)}/policies/${encodeURIComponent(policy)}`;

export const attachPolicy = (username: string, policy: string) => apiFetch<UserPoliciesDto>(attachmentPath(username, policy), { method: 'PUT' });

export const detachPolicy = (username: string, policy: string) => apiFetch<UserPoliciesDto>(attachmentPath(username, policy), { method: 'DELETE' });
