import { apiFetch, withQuery } from '@/lib/client/api-fetch';
import type { AuditPageDto } from '@/lib/schemas/audit';

// Client calls for /api/v1/audit, with their React Query keys (see policies-api.ts).

/** The filters as typed (and as kept in the URL): strings, '' for none. */
export interface AuditFilters {
  actor: string;
  action: string;
  outcome: string;
  namespace: string;
  resource: string;
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = { actor: '', action: '', outcome: '', namespace: '', resource: '', from: '', to: '' };

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => ['audit', 'list', filters] as const,
};

export const AUDIT_PAGE_SIZE = 50;

export const listAuditEvents = (filters: AuditFilters, cursor: string | null, signal?: AbortSignal) =>
  apiFetch<AuditPageDto>(withQuery('/api/v1/audit', { ...filters, cursor, limit: AUDIT_PAGE_SIZE }), { signal });
