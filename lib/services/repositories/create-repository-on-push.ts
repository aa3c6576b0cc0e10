import { RegistryError } from '@/lib/errors/registry-error';
import { namespaceOf } from '@/lib/oci/names';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from '@/lib/services/access/access-profile';
import { allowed } from '@/lib/services/access/decide';
import { mayCreateNamespace } from '@/lib/services/access/may-create-namespace';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { insertNamespace } from '@/lib/services/namespaces/insert-namespace';
import { isUniqueViolation } from '@/lib/db/client';
import { REPOSITORY_ROW_SELECT, type RepositoryRow } from './repository-row';

/**
 * A push to a repository that does not exist yet: created when its namespace allows it (`autoCreateRepository`)
 * and the pusher may create repositories there, with the namespace's default visibility. A missing namespace is
 * created, owned by the pusher, when the pusher may create namespaces and is under the namespace limit.
 * Otherwise the name is unknown, as the spec answers for any repository the caller cannot have.
 */
export async function createRepositoryOnPush(app: AppContext, actor: Actor, profile: AccessProfile, name: string): Promise<RepositoryRow> {
  if (actor.kind !== 'user') throw new RegistryError('UNAUTHORIZED');
  const nsName = namespaceOf(name);
  let namespace = await app.db.namespace.findUnique({ where: { name: nsName } });
  if (!namespace) {
    if (!mayCreateNamespace(app, actor, profile, nsName)) throw new RegistryError('NAME_UNKNOWN', `repository "${name}" not found`);
    const created = await insertNamespace(app, { actor, name: nsName });
    if (!created.ok && created.reason === 'limit') {
      throw new RegistryError('DENIED', `namespace limit reached: you may own at most ${created.limit} namespaces`);
    }
    namespace = await app.db.namespace.findUniqueOrThrow({ where: { name: nsName } });
    if (created.ok) {
      void recordAuditEvent(app, { actor, action: 'cr:CreateNamespace', resource: `namespace/${nsName}`, namespace: nsName, outcome: 'allowed' });
      // The creator now owns it: the profile loaded before the insert does not know that yet.
      profile = { ...profile, ownedNamespaceIds: new Set([...profile.ownedNamespaceIds, namespace.id]) };
    }
  }
  const target = {
    kind: 'repository',
    repository: { id: '', name, namespaceId: namespace.id, visibility: namespace.defaultVisibility },
  } as const;
  if (!allowed(app, actor, profile, 'cr:CreateRepository', target)) {
    const seesNamespace = allowed(app, actor, profile, 'cr:GetNamespace', { kind: 'namespace', namespace });
    if (seesNamespace) throw new RegistryError('DENIED', `you may not create repositories in namespace "${nsName}"`);
    throw new RegistryError('NAME_UNKNOWN', `repository "${name}" not found`);
  }
  if (!namespace.autoCreateRepository) {
    throw new RegistryError('NAME_UNKNOWN', `repository "${name}" does not exist and namespace "${nsName}" does not create repositories on push`);
  }
  try {
    const repo = await app.db.repository.create({
      data: { name, namespaceId: namespace.id, visibility: namespace.defaultVisibility },
      select: REPOSITORY_ROW_SELECT,
    });
    void recordAuditEvent(app, { actor, action: 'cr:CreateRepository', resource: `repository/${name}`, namespace: nsName, outcome: 'allowed' });
    return repo;
  } catch (err) {
    // Two pushes racing to create the same repository: the loser uses the winner's.
    if (!isUniqueViolation(err)) throw err;
    return app.db.repository.findUniqueOrThrow({ where: { name }, select: REPOSITORY_ROW_SELECT });
  }
}
