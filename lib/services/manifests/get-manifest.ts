import { RegistryError } from '@/lib/errors/registry-error';
import { isDigest, looksLikeDigest } from '@/lib/oci/digest';
import { isTag } from '@/lib/oci/names';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';

export interface StoredManifest {
  digest: string;
  mediaType: string;
  size: number;
  content?: Uint8Array;
}

/** A manifest by tag or digest; `withContent: false` (HEAD) leaves the body in the database. */
export async function getManifest(
  app: AppContext,
  input: { actor: Actor; name: string; reference: string; withContent: boolean },
): Promise<StoredManifest> {
  const { reference } = input;
  const byDigest = looksLikeDigest(reference);
  if (byDigest && !isDigest(reference)) throw new RegistryError('DIGEST_INVALID', `invalid digest "${reference.slice(0, 200)}"`);
  if (!byDigest && !isTag(reference)) throw new RegistryError('MANIFEST_INVALID', `invalid tag "${reference.slice(0, 200)}"`);
  const repo = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'pull' });
  const select = { digest: true, mediaType: true, size: true, content: input.withContent } as const;
  const found = byDigest
    ? await app.db.manifest.findUnique({ where: { repositoryId_digest: { repositoryId: repo.id, digest: reference } }, select })
    : (await app.db.tag.findUnique({ where: { repositoryId_name: { repositoryId: repo.id, name: reference } }, select: { manifest: { select } } }))?.manifest;
  if (!found) throw new RegistryError('MANIFEST_UNKNOWN', `manifest ${reference} not found in ${input.name}`);
  return { digest: found.digest, mediaType: found.mediaType, size: found.size, content: found.content ?? undefined };
}
