import type { Prisma } from '@/lib/db/client';
import type { Actor, AppContext } from '@/lib/services/context';
import { actorName } from '@/lib/services/context';

export interface AuditInput {
  actor: Actor;
  action: string;
  resource: string;
  namespace?: string | null;
  /** The namespace's id when the caller has it; otherwise looked up from `namespace` (the one of that name now). */
  namespaceId?: string | null;
  outcome: 'allowed' | 'denied' | 'failed';
  detail?: Record<string, unknown>;
}

/**
 * Appends to the audit log. Awaited by callers that mutate (the record is part of the change); failures to write
 * it are reported to the process log rather than failing the user's request.
 */
export async function recordAuditEvent(app: AppContext, input: AuditInput): Promise<void> {
  const { actor } = input;
  try {
    // Events are keyed by the namespace's identity: one deleted and created again under the same name is another
    // namespace, and its new owner must not read the old one's history.
    const namespaceId =
      input.namespaceId !== undefined
        ? input.namespaceId
        : input.namespace
          ? ((await app.db.namespace.findUnique({ where: { name: input.namespace }, select: { id: true } }))?.id ?? null)
          : null;
    await app.db.auditEvent.create({
      data: {
        actorId: actor.kind === 'user' ? actor.id : null,
        actorName: actorName(actor),
        action: input.action,
        resource: input.resource,
        namespace: input.namespace ?? null,
        namespaceId,
        outcome: input.outcome,
        sourceIp: actor.origin?.ip ?? null,
        via: actor.origin?.via ?? 'api',
        detail: (input.detail ?? undefined) as Prisma.InputJsonValue | undefined,
      },
    });
  } catch (err) {
    console.error(`[berth] audit write failed: ${(err as Error).message}`);
  }
}
