import { auditResource, type AuditTarget } from '@/lib/services/access/audit-resource';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from './record-audit-event';

/** Records a change the actor was allowed to make, filed under its target as the gate names it (auditResource). */
export async function recordAllowedChange(
  app: AppContext,
  input: { actor: Actor; action: string; target: AuditTarget; detail?: Record<string, unknown> },
): Promise<void> {
  await recordAuditEvent(app, { actor: input.actor, action: input.action, ...auditResource(app, input.target), outcome: 'allowed', detail: input.detail });
}
