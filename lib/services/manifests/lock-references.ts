import type { Prisma } from '@/lib/db/client';
import { RegistryError } from '@/lib/errors/registry-error';
import { isForeignLayer } from '@/lib/oci/media-types';
import type { ParsedManifest } from '@/lib/oci/parse-manifest';
import { lockBlobs, lockManifests } from '@/lib/services/gc/gc-locks';

/** The blobs a manifest needs in its repository: config and layers, less foreign layers served from elsewhere. */
export function requiredBlobDigests(parsed: ParsedManifest): string[] {
  if (parsed.kind !== 'image') return [];
  const wanted = [parsed.config, ...parsed.layers].filter((d) => !(isForeignLayer(d.mediaType) && d.urls?.length));
  return [...new Set(wanted.map((d) => d.digest))];
}

/**
 * Inside a manifest write's transaction: takes the collection locks (gc-locks.ts) on the manifest itself, the
 * manifests it references (children, subject) and its blobs, then checks its blobs and children are still in the
 * repository. A garbage collection that removed one after the push checked for it makes the push fail with
 * MANIFEST_BLOB_UNKNOWN: the client uploads the blob again and retries (OCI: the same answer as for a blob never
 * pushed). Holding the locks to commit is what keeps a collection from removing them afterwards.
 */
export async function lockReferences(
  tx: Prisma.TransactionClient,
  input: { repositoryId: string; digest: string; parsed: ParsedManifest },
): Promise<void> {
  const { parsed, repositoryId } = input;
  const children = parsed.kind === 'index' ? [...new Set(parsed.manifests.map((d) => d.digest))] : [];
  const subject = parsed.subject?.digest;
  await lockManifests(tx, repositoryId, [input.digest, ...children, ...(subject ? [subject] : [])], 'shared');
  const blobs = requiredBlobDigests(parsed);
  await lockBlobs(tx, blobs, 'shared');
  if (blobs.length > 0) {
    const found = await tx.$queryRaw<Array<{ digest: string }>>`
      SELECT digest FROM repository_blobs WHERE repository_id = ${repositoryId}::uuid AND digest = ANY(${blobs}::text[])`;
    const gone = firstMissing(blobs, found);
    if (gone) throw new RegistryError('MANIFEST_BLOB_UNKNOWN', `blob ${gone} is not in this repository`, { digest: gone });
  }
  if (children.length > 0) {
    const found = await tx.$queryRaw<Array<{ digest: string }>>`
      SELECT digest FROM manifests WHERE repository_id = ${repositoryId}::uuid AND digest = ANY(${children}::text[])`;
    const gone = firstMissing(children, found);
    if (gone) throw new RegistryError('MANIFEST_BLOB_UNKNOWN', `manifest ${gone} is not in this repository`, { digest: gone });
  }
}

/** The first of `wanted` that is not among the rows `found`, or undefined when all are there. */
function firstMissing(wanted: readonly string[], found: ReadonlyArray<{ digest: string }>): string | undefined {
  const have = new Set(found.map((f) => f.digest));
  return wanted.find((d) => !have.has(d));
}
