import { RegistryError } from '@/lib/errors/registry-error';
import { namespaceOf } from '@/lib/oci/names';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from '@/lib/services/access/access-profile';
import { auditResource } from '@/lib/services/access/audit-resource';
import { authorize } from '@/lib/services/access/authorize';
import { mayCreateNamespace } from '@/lib/services/access/may-create-namespace';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { insertNamespace } from '@/lib/services/namespaces/insert-namespace';
import { isUniqueViolation } from '@/lib/db/client';
import { REPOSITORY_ROW_SELECT, type RepositoryRow } from './repository-row';

/**
 * A push to a repository that does not exist yet: created when its namespace allows it (`autoCreateRepository`)
 * and the pusher may create repositories there (cr:CreateRepository, asked of the gate), with the namespace's
 * default visibility. A missing namespace is created, owned by the pusher, when the pusher may create namespaces
 * and is under the namespace limit. Otherwise the name is unknown, as the spec answers for any repository the
 * caller cannot have. The push itself is authorized afterwards, on the repository created (prepare-push.ts).
 */
export async function createRepositoryOnPush(app: AppContext, actor: Actor, profile: AccessProfile, name: string): Promise<RepositoryRow> {
  return (await createRepositoryForPush(app, actor, profile, name)).repository;
}

/** As createRepositoryOnPush, also answering the caller's profile as it is after a namespace was created for them. */
export async function createRepositoryForPush(
  app: AppContext,
  actor: Actor,
  profile: AccessProfile,
  name: string,
): Promise<{ repository: RepositoryRow; profile: AccessProfile }> {
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
      const nsTarget = { kind: 'namespace', namespace } as const;
      void recordAuditEvent(app, { actor, action: 'cr:CreateNamespace', ...auditResource(app, nsTarget), outcome: 'allowed' });
      // The creator now owns it: the profile loaded before the insert does not know that yet.
      profile = { ...profile, ownedNamespaceIds: new Set([...profile.ownedNamespaceIds, namespace.id]) };
    }
  }
  const target = {
    kind: 'repository',
    repository: { id: '', name, namespaceId: namespace.id, visibility: namespace.defaultVisibility },
  } as const;
  const decision = await authorize(app, actor, 'cr:CreateRepository', target, { profile, quiet: true });
  if (!decision.allowed) {
    const seesNamespace = (await authorize(app, actor, 'cr:GetNamespace', { kind: 'namespace', namespace }, { profile, quiet: true })).allowed;
    if (seesNamespace) throw new RegistryError('DENIED', `you may not create repositories in namespace "${nsName}"`);
    throw new RegistryError('NAME_UNKNOWN', `repository "${name}" not found`);
  }
  if (!namespace.autoCreateRepository) {
    throw new RegistryError('NAME_UNKNOWN', `repository "${name}" does not exist and namespace "${nsName}" does not create repositories on push`);
  }
  try {
    const repository = await app.db.repository.create({
      data: { name, namespaceId: namespace.id, visibility: namespace.defaultVisibility },
      select: REPOSITORY_ROW_SELECT,
    });
    void recordAuditEvent(app, { actor, action: 'cr:CreateRepository', ...auditResource(app, { kind: 'repository', repository }), outcome: 'allowed' });
    return { repository, profile };
  } catch (err) {
    // Two pushes racing to create the same repository: the loser uses the winner's.
    if (!isUniqueViolation(err)) throw err;
    return { repository: await app.db.repository.findUniqueOrThrow({ where: { name }, select: REPOSITORY_ROW_SELECT }), profile };
  }
}
