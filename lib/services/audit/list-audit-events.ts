import type { Prisma } from '@/lib/db/client';
import { DomainError } from '@/lib/errors/domain-error';
import type { AuditPageDto, AuditQuery } from '@/lib/schemas/audit';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { permits } from '@/lib/services/access/authorize';
import { AUDIT_EVENT_DTO_SELECT, toAuditEventDto } from './audit-event-dto';

/**
 * A page of the audit log, newest first (keyset pagination on the id). Who may read cr:GetAudit on the instance
 * sees every event; anyone else sees only the events of namespaces they own, and nothing else. An access token
 * limited to namespaces narrows either view to those namespaces.
 */
export async function listAuditEvents(app: AppContext, input: { actor: Actor; query: AuditQuery }): Promise<AuditPageDto> {
  const { actor, query } = input;
  if (actor.kind !== 'user') throw new DomainError('unauthenticated', 'sign in or send an access token');
  const profile = await loadAccessProfile(app, actor);
  const everything = permits(app, actor, profile, 'cr:GetAudit', { kind: 'instance' });
  // null: no restriction. Events are matched on the namespace's id, never its name: a namespace deleted and
  // created again by someone else is a different namespace with a history of its own.
  let visible: string[] | null = null;
  if (!everything) {
    const owned = await app.db.namespace.findMany({ where: { ownerId: actor.id }, select: { id: true, name: true } });
    visible = owned.map((n) => n.id);
  }
  const tokenNamespaces = actor.tokenLimits?.namespaces ?? [];
  if (tokenNamespaces.length > 0) {
    const named = await app.db.namespace.findMany({ where: { name: { in: [...tokenNamespaces] } }, select: { id: true } });
    const ids = named.map((n) => n.id);
    visible = (visible ?? ids).filter((id) => ids.includes(id));
  }
  if (visible !== null && visible.length === 0) return { items: [], nextCursor: null };

  const where: Prisma.AuditEventWhereInput = {
    AND: [
      visible === null ? {} : { namespaceId: { in: visible } },
      query.namespace === undefined ? {} : { namespace: query.namespace },
      query.actor === undefined ? {} : { actorName: query.actor },
      query.action === undefined ? {} : { action: query.action },
      query.outcome === undefined ? {} : { outcome: query.outcome },
      query.resource === undefined ? {} : { resource: { contains: query.resource } },
      query.from === undefined ? {} : { occurredAt: { gte: query.from } },
      query.to === undefined ? {} : { occurredAt: { lte: query.to } },
      query.cursor === undefined ? {} : { id: { lt: BigInt(query.cursor) } },
    ],
  };
  const rows = await app.db.auditEvent.findMany({ where, select: AUDIT_EVENT_DTO_SELECT, orderBy: { id: 'desc' }, take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    // Source addresses are the installation's business: a namespace owner sees what happened, not from where.
    items: page.map((e) => toAuditEventDto(e, { showSourceIp: everything })),
    nextCursor: rows.length > query.limit ? page[page.length - 1]!.id.toString() : null,
  };
}
