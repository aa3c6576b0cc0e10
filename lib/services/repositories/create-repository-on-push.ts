import { isUniqueViolation } from '@/lib/db/client';
import { RegistryError } from '@/lib/errors/registry-error';
import { namespaceOf } from '@/lib/oci/names';
import type { Actor, AppContext } from '@/lib/services/context';
import { mayCreateNamespace } from '@/lib/services/access/may-create-namespace';
import { REPOSITORY_ROW_SELECT, type RepositoryRow } from './repository-row';

/**
 * A push to a repository that does not exist yet: created when its namespace allows it (`autoCreateRepository`),
 * with the namespace's default visibility. A missing namespace is created, owned by the pusher, when the pusher
 * may create namespaces. Otherwise the name is unknown, as the spec answers for any repository it does not have.
 */
export async function createRepositoryOnPush(app: AppContext, actor: Actor, name: string): Promise<RepositoryRow> {
  if (actor.kind !== 'user') throw new RegistryError('UNAUTHORIZED');
  const nsName = namespaceOf(name);
  let namespace = await app.db.namespace.findUnique({ where: { name: nsName } });
  if (!namespace) {
    if (!(await mayCreateNamespace(app, actor))) {
      throw new RegistryError('NAME_UNKNOWN', `namespace "${nsName}" does not exist`);
    }
    try {
      namespace = await app.db.namespace.create({ data: { name: nsName, ownerId: actor.id } });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      namespace = await app.db.namespace.findUniqueOrThrow({ where: { name: nsName } });
    }
  }
  if (!namespace.autoCreateRepository) {
    throw new RegistryError('NAME_UNKNOWN', `repository "${name}" does not exist and namespace "${nsName}" does not create repositories on push`);
  }
  try {
    return await app.db.repository.create({
      data: { name, namespaceId: namespace.id, visibility: namespace.defaultVisibility },
      select: REPOSITORY_ROW_SELECT,
    });
  } catch (err) {
    // Two pushes racing to create the same repository: the loser uses the winner's.
    if (!isUniqueViolation(err)) throw err;
    return app.db.repository.findUniqueOrThrow({ where: { name }, select: REPOSITORY_ROW_SELECT });
  }
}
