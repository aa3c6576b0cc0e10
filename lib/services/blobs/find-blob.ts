import { RegistryError } from '@/lib/errors/registry-error';
import { isDigest } from '@/lib/oci/digest';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';

export interface BlobInfo {
  digest: string;
  size: number;
  mediaType: string | null;
}

/** A blob as readable in one repository: only once it was pushed or mounted there. */
export async function findBlob(
  app: AppContext,
  input: { actor: Actor; name: string; digest: string },
): Promise<BlobInfo> {
  if (!isDigest(input.digest)) throw new RegistryError('DIGEST_INVALID', `invalid digest "${input.digest.slice(0, 200)}"`);
  const repo = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'pull' });
  const link = await app.db.repositoryBlob.findUnique({
    where: { repositoryId_digest: { repositoryId: repo.id, digest: input.digest } },
    select: { blob: { select: { digest: true, size: true, mediaType: true } } },
  });
  if (!link) throw new RegistryError('BLOB_UNKNOWN', `blob ${input.digest} is not in ${input.name}`);
  return { digest: link.blob.digest, size: Number(link.blob.size), mediaType: link.blob.mediaType };
}
