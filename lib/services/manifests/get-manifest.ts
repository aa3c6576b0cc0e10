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
  // One statement either way: this is the hottest query of a registry (every pull starts with it).
  const rows = await app.db.$queryRaw<Array<{ digest: string; media_type: string; size: number; content: Uint8Array | null }>>`
    SELECT m.digest, m.media_type, m.size, CASE WHEN ${input.withContent} THEN m.content END AS content
    FROM manifests m
    WHERE m.repository_id = ${repo.id}::uuid AND (
      (${byDigest} AND m.digest = ${reference}) OR
      (NOT ${byDigest} AND m.id = (SELECT t.manifest_id FROM tags t WHERE t.repository_id = ${repo.id}::uuid AND t.name = ${reference})))`;
  const found = rows[0];
  if (!found) throw new RegistryError('MANIFEST_UNKNOWN', `manifest ${reference} not found in ${input.name}`);
  return { digest: found.digest, mediaType: found.media_type, size: found.size, content: found.content ?? undefined };
}
