import type { Db } from '@/lib/db/client';
import type { StorageDriver } from '@/lib/storage/driver';
import { blobKey } from '@/lib/storage/keys';
import { GC_TRANSACTION } from './collect-manifests';
import { lockBlobs } from './gc-locks';

const PAGE = 500;

export interface BlobSweep {
  blobs: number;
  bytes: bigint;
  errors: string[];
}

// A repository's link to a blob is garbage once no manifest of that repository references the blob: the blob was
// pushed for a manifest since deleted, or for a push never finished.
const UNREFERENCED_LINK = `NOT EXISTS (SELECT 1 FROM manifest_blobs mb JOIN manifests m ON m.id = mb.manifest_id
  WHERE mb.digest = rb.digest AND m.repository_id = rb.repository_id)`;

/**
 * Removes repositories' links to blobs none of their manifests references (linked before the cutoff), then every
 * blob no repository links and no manifest references: its row and its bytes. Each page takes the blobs' collection
 * locks exclusively, re-checks under them, and deletes the bytes before its transaction commits, so an upload of
 * the same digest waiting on the lock puts its bytes back after, never before, the delete.
 */
export async function collectBlobs(
  db: Db,
  storage: StorageDriver,
  input: { cutoff: Date; dryRun: boolean; /** Dry run: manifests the run would have deleted first. */ deadManifestIds?: string[] },
): Promise<BlobSweep> {
  const { cutoff } = input;
  const result: BlobSweep = { blobs: 0, bytes: 0n, errors: [] };
  if (input.dryRun) {
    const dead = input.deadManifestIds ?? [];
    // What would survive: links made after the cutoff or referenced by a manifest that stays.
    const [row] = await db.$queryRaw<Array<{ n: number; bytes: bigint | null }>>`
      SELECT count(*)::int AS n, sum(b.size)::bigint AS bytes FROM blobs b WHERE b.created_at < ${cutoff}
        AND NOT EXISTS (SELECT 1 FROM repository_blobs rb WHERE rb.digest = b.digest AND (rb.created_at >= ${cutoff}
          OR EXISTS (SELECT 1 FROM manifest_blobs mb JOIN manifests m ON m.id = mb.manifest_id
                     WHERE mb.digest = rb.digest AND m.repository_id = rb.repository_id AND NOT (m.id = ANY(${dead}::uuid[])))))
        AND NOT EXISTS (SELECT 1 FROM manifest_blobs mb WHERE mb.digest = b.digest AND NOT (mb.manifest_id = ANY(${dead}::uuid[])))`;
    return { blobs: row?.n ?? 0, bytes: row?.bytes ?? 0n, errors: [] };
  }
  await unlinkUnreferenced(db, cutoff);
  let after = '';
  for (;;) {
    const page = await db.$queryRaw<Array<{ digest: string }>>`
      SELECT b.digest FROM blobs b WHERE b.digest > ${after} AND b.created_at < ${cutoff}
        AND NOT EXISTS (SELECT 1 FROM repository_blobs rb WHERE rb.digest = b.digest)
        AND NOT EXISTS (SELECT 1 FROM manifest_blobs mb WHERE mb.digest = b.digest)
      ORDER BY b.digest LIMIT ${PAGE}`;
    if (page.length === 0) break;
    after = page[page.length - 1]!.digest;
    const digests = page.map((p) => p.digest);
    await db.$transaction(async (tx) => {
      await lockBlobs(tx, digests, 'exclusive');
      const gone = await tx.$queryRaw<Array<{ digest: string; size: bigint }>>`
        DELETE FROM blobs b WHERE b.digest = ANY(${digests}::text[])
          AND NOT EXISTS (SELECT 1 FROM repository_blobs rb WHERE rb.digest = b.digest)
          AND NOT EXISTS (SELECT 1 FROM manifest_blobs mb WHERE mb.digest = b.digest)
        RETURNING b.digest, b.size`;
      for (const blob of gone) {
        try {
          await storage.delete(blobKey(blob.digest));
        } catch (err) {
          // The row is gone and the bytes stay: a later run finds them as an unrecorded file.
          result.errors.push(`deleting ${blob.digest} from storage: ${(err as Error)?.message ?? err}`);
          continue;
        }
        result.blobs++;
        result.bytes += BigInt(blob.size);
      }
    }, GC_TRANSACTION);
  }
  return result;
}

async function unlinkUnreferenced(db: Db, cutoff: Date): Promise<void> {
  // Keyset pages in the primary key's order (repository, digest), so the scan goes through the table once in all.
  let after = { repositoryId: '00000000-0000-0000-0000-000000000000', digest: '' };
  for (;;) {
    const page = await db.$queryRawUnsafe<Array<{ repository_id: string; digest: string }>>(
      `SELECT rb.repository_id::text AS repository_id, rb.digest FROM repository_blobs rb
       WHERE (rb.repository_id, rb.digest) > ($1::uuid, $2) AND rb.created_at < $3 AND ${UNREFERENCED_LINK}
       ORDER BY rb.repository_id, rb.digest LIMIT ${PAGE}`,
      after.repositoryId,
      after.digest,
      cutoff,
    );
    if (page.length === 0) return;
    const last = page[page.length - 1]!;
    after = { repositoryId: last.repository_id, digest: last.digest };
    await db.$transaction(async (tx) => {
      await lockBlobs(tx, page.map((p) => p.digest), 'exclusive');
      await tx.$executeRawUnsafe(
        `DELETE FROM repository_blobs rb USING unnest($1::uuid[], $2::text[]) AS x(repository_id, digest)
         WHERE rb.repository_id = x.repository_id AND rb.digest = x.digest AND rb.created_at < $3 AND ${UNREFERENCED_LINK}`,
        page.map((p) => p.repository_id),
        page.map((p) => p.digest),
        cutoff,
      );
    }, GC_TRANSACTION);
  }
}
