import type { Db } from '@/lib/db/client';

export interface ClosureManifest {
  digest: string;
  mediaType: string;
  content: Uint8Array;
  /** Distance from the image: children and referrers come after what they hang off, written in reverse. */
  depth: number;
}

const MAX_MANIFESTS = 1000;

/**
 * A manifest with everything it needs in one repository: the children of an index (recursively) and, with
 * `withReferrers`, the manifests whose subject is any of those (recursively). Returns them with the blobs they
 * reference. Bounded (an index of indexes cannot make a copy unbounded).
 */
export async function imageClosure(
  db: Db,
  input: { repositoryId: string; digest: string; withReferrers: boolean },
): Promise<{ manifests: ClosureManifest[]; blobs: string[] }> {
  const seen = new Map<string, ClosureManifest>();
  let frontier = [input.digest];
  for (let depth = 0; frontier.length > 0 && seen.size < MAX_MANIFESTS; depth++) {
    const rows = await db.manifest.findMany({
      where: { repositoryId: input.repositoryId, digest: { in: frontier } },
      select: { id: true, digest: true, mediaType: true, content: true, children: { select: { childDigest: true } } },
    });
    const next = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.digest)) continue;
      seen.set(row.digest, { digest: row.digest, mediaType: row.mediaType, content: row.content, depth });
      for (const c of row.children) next.add(c.childDigest);
    }
    if (input.withReferrers && rows.length > 0) {
      const referrers = await db.manifest.findMany({
        where: { repositoryId: input.repositoryId, subjectDigest: { in: rows.map((r) => r.digest) } },
        select: { digest: true },
      });
      for (const r of referrers) next.add(r.digest);
    }
    frontier = [...next].filter((d) => !seen.has(d));
  }
  const manifests = [...seen.values()];
  const blobs = await db.manifestBlob.findMany({
    where: { manifest: { repositoryId: input.repositoryId, digest: { in: manifests.map((m) => m.digest) } } },
    select: { digest: true },
    distinct: ['digest'],
  });
  return { manifests, blobs: blobs.map((b) => b.digest) };
}
