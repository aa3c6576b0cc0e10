import type { AuditEventDto } from '@/lib/schemas/audit';

export const AUDIT_EVENT_DTO_SELECT = {
  id: true,
  occurredAt: true,
  actorId: true,
  actorName: true,
  action: true,
  resource: true,
  namespace: true,
  outcome: true,
  sourceIp: true,
  via: true,
  detail: true,
} as const;

export function toAuditEventDto(
  e: {
    id: bigint;
    occurredAt: Date;
    actorId: string | null;
    actorName: string;
    action: string;
    resource: string;
    namespace: string | null;
    outcome: string;
    sourceIp: string | null;
    via: string;
    detail: unknown;
  },
  opts: { showSourceIp: boolean },
): AuditEventDto {
  return {
    id: e.id.toString(),
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    resource: e.resource,
    namespace: e.namespace,
    outcome: e.outcome,
    sourceIp: opts.showSourceIp ? e.sourceIp : null,
    via: e.via,
    detail: e.detail ?? null,
  };
}
