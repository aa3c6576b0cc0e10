import { DomainError } from '@/lib/errors/domain-error';
import { namespaceResource } from '@/lib/access/resource';
import type { CreateNamespaceInput, NamespaceDto } from '@/lib/schemas/namespaces';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { resourceContext } from '@/lib/services/access/decide';
import { mayCreateNamespace } from '@/lib/services/access/may-create-namespace';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { toDbVisibility } from '@/lib/services/repositories/visibility';
import { insertNamespace } from './insert-namespace';
import { NAMESPACE_DTO_SELECT, toNamespaceDto } from './namespace-dto';
import { auditResource } from '@/lib/services/access/audit-resource';

/** Creates a namespace owned by the actor: admins, and users a policy grants cr:CreateNamespace, within their limit. */
export async function createNamespace(app: AppContext, input: { actor: Actor; data: CreateNamespaceInput }): Promise<NamespaceDto> {
  const { actor, data } = input;
  if (actor.kind !== 'user') throw new DomainError('unauthenticated', 'sign in or send an access token');
  const profile = await loadAccessProfile(app, actor);
  if (!mayCreateNamespace(app, actor, profile, data.name)) {
    void recordAuditEvent(app, {
      actor,
      action: 'cr:CreateNamespace',
      resource: namespaceResource(resourceContext(app), data.name),
      namespace: data.name,
      outcome: 'denied',
    });
    throw new DomainError('forbidden', 'you may not create namespaces');
  }
  const created = await insertNamespace(app, {
    actor,
    name: data.name,
    autoCreateRepository: data.autoCreateRepository,
    defaultVisibility: data.defaultVisibility === undefined ? undefined : toDbVisibility(data.defaultVisibility),
  });
  if (!created.ok && created.reason === 'limit') {
    throw new DomainError('limit-exceeded', `namespace limit reached: you may own at most ${created.limit} namespaces`, { limit: created.limit });
  }
  if (!created.ok) {
    throw new DomainError('conflict', `namespace "${data.name}" already exists`, { fields: [{ path: 'name', message: 'already taken' }] });
  }
  await recordAuditEvent(app, {
    actor,
    action: 'cr:CreateNamespace',
    ...auditResource(app, { kind: 'namespace-name', name: data.name }),
    outcome: 'allowed',
    detail: { autoCreateRepository: created.namespace.autoCreateRepository, defaultVisibility: created.namespace.defaultVisibility },
  });
  const row = await app.db.namespace.findUniqueOrThrow({ where: { id: created.namespace.id }, select: NAMESPACE_DTO_SELECT });
  // A new namespace references no blob yet.
  return { ...toNamespaceDto(row, undefined), usageBytes: 0 };
}
