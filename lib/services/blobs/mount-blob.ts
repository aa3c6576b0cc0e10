import { isDigest } from '@/lib/oci/digest';
import { checkRepositoryName } from '@/lib/oci/names';
import { RegistryError } from '@/lib/errors/registry-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';
import { findReadableBlobSource } from './find-readable-blob-source';
import { linkExistingBlob } from './link-existing-blob';

/**
 * Cross-repository mount: links a blob the caller can read in `from` into `name`. Without `from` (OCI 1.1,
 * "mount without from"), any repository the caller may read that holds the blob will do. Returns false whenever
 * the mount cannot be done (source unknown, hidden, or lacking the blob); the caller then opens a normal upload,
 * as the spec prescribes, so a failed mount never tells the caller why.
 */
export async function mountBlob(
  app: AppContext,
  input: { actor: Actor; name: string; digest: string; from?: string },
): Promise<boolean> {
  if (!isDigest(input.digest)) return false;
  if (input.from !== undefined && checkRepositoryName(input.from) !== null) return false;
  const target = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'push' });
  const found =
    input.from === undefined ? (await findReadableBlobSource(app, input)) !== null : await heldByNamed(app, { ...input, from: input.from });
  if (!found) return false;
  // Under the blob's lock: a blob garbage collection just removed is not linked back without its bytes.
  return linkExistingBlob(app.db, { repositoryId: target.id, digest: input.digest });
}

async function heldByNamed(app: AppContext, input: { actor: Actor; digest: string; from: string }): Promise<boolean> {
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
  return link !== null;
}
