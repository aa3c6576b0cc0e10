import { isDigest } from '@/lib/oci/digest';
import { checkRepositoryName } from '@/lib/oci/names';
import { RegistryError } from '@/lib/errors/registry-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';
import { linkExistingBlob } from './link-existing-blob';

/**
 * Cross-repository mount: links a blob the caller can read in `from` into `name`. Returns false whenever the mount
 * cannot be done (source unknown, hidden, or lacking the blob); the caller then opens a normal upload, as the
 * spec prescribes, so a failed mount never tells the caller why.
 */
export async function mountBlob(
  app: AppContext,
  input: { actor: Actor; name: string; digest: string; from: string },
): Promise<boolean> {
  if (!isDigest(input.digest) || checkRepositoryName(input.from) !== null) return false;
  const target = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'push' });
  let source;
  try {
    source = await authorizeRepository(app, { actor: input.actor, name: input.from, action: 'pull' });
  } catch (err) {
    if (err instanceof RegistryError) return false;
    throw err;
  }
  const link = await app.db.repositoryBlob.findUnique({
    where: { repositoryId_digest: { repositoryId: source.id, digest: input.digest } },
    select: { digest: true },
  });
  if (!link) return false;
  return linkExistingBlob(app.db, { repositoryId: target.id, digest: input.digest });
}
