import { randomUUID } from 'node:crypto';
import type { Db } from '@/lib/db/client';
import type { StorageDriver } from '@/lib/storage/driver';
import { blobKey } from '@/lib/storage/keys';
import { GC_TRANSACTION } from './collect-manifests';
import { tryLockBlobs } from './gc-locks';

/**
 * Digests swept per transaction: one lock statement, two deletes, then the files. Each lock held takes a slot in
 * Postgres's shared lock table (max_locks_per_transaction × max_connections, 6,400 by default), which pushes need too.
 */
export const BLOB_PAGE = 1000;
/** Storage deletes in flight at once within a page (files on disk, or S3 requests). */
const DELETES_IN_FLIGHT = 32;

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
 * blob no repository links and no manifest references: its row and its bytes. Marks the candidates in one query
 * (markBlobs), then sweeps them in pages (sweepBlobs), re-checking each under its lock.
 */
export async function collectBlobs(
  db: Db,
  storage: StorageDriver,
  input: {
    cutoff: Date;
    dryRun: boolean;
    /** Dry run: manifests the run would have deleted first. */
    deadManifestIds?: string[];
    /** The run the candidates are marked for (a fresh id when absent). */
    runId?: string;
  },
): Promise<BlobSweep> {
  const { cutoff } = input;
  if (input.dryRun) return countCollectable(db, cutoff, input.deadManifestIds ?? []);
  const runId = input.runId ?? randomUUID();
  try {
    await markBlobs(db, { runId, cutoff });
    return await sweepBlobs(db, storage, { runId, cutoff });
  } finally {
    await db.$executeRaw`DELETE FROM gc_blob_candidates WHERE run_id = ${runId}::uuid`;
  }
}

/**
 * The mark: every digest that may be collectable, written by Postgres from one anti-join (no row goes through this
 * process): those with an old link no manifest of its repository references, and old blobs nothing links or
 * references. Nothing is locked here; what a push does afterwards is seen by the sweep's re-check. Candidates a
 * stopped run left behind are dropped first. Answers how many were marked.
 */
export async function markBlobs(db: Db, input: { runId: string; cutoff: Date }): Promise<number> {
  const { runId, cutoff } = input;
  await db.$executeRaw`DELETE FROM gc_blob_candidates c WHERE c.run_id <> ${runId}::uuid
    AND NOT EXISTS (SELECT 1 FROM gc_runs r WHERE r.id = c.run_id AND r.status = 'running')`;
  return db.$executeRawUnsafe(
    `INSERT INTO gc_blob_candidates (run_id, digest)
     SELECT $1::uuid, rb.digest FROM repository_blobs rb WHERE rb.created_at < $2::timestamp AND ${UNREFERENCED_LINK}
     UNION
     SELECT $1::uuid, b.digest FROM blobs b WHERE b.created_at < $2::timestamp
       AND NOT EXISTS (SELECT 1 FROM repository_blobs rb WHERE rb.digest = b.digest)
       AND NOT EXISTS (SELECT 1 FROM manifest_blobs mb WHERE mb.digest = b.digest)
     ON CONFLICT DO NOTHING`,
    runId,
    cutoff,
  );
}

/**
 * The sweep, a page of candidates per transaction: takes the page's blob locks where no push holds them (a held one
 * waits for a later run), deletes the links and blobs that, under the locks, are still old and unreferenced, and
 * deletes their bytes before the transaction commits, so an upload of the same digest waiting on the lock puts its
 * bytes back after, never before, the delete. A push that made a candidate reachable since the mark keeps it.
 */
export async function sweepBlobs(db: Db, storage: StorageDriver, input: { runId: string; cutoff: Date; pageSize?: number }): Promise<BlobSweep> {
  const { runId, cutoff } = input;
  const pageSize = input.pageSize ?? BLOB_PAGE;
  const result: BlobSweep = { blobs: 0, bytes: 0n, errors: [] };
  let after = '';
  for (;;) {
    const page = await db.$queryRaw<Array<{ digest: string }>>`
      SELECT digest FROM gc_blob_candidates WHERE run_id = ${runId}::uuid AND digest > ${after} ORDER BY digest LIMIT ${pageSize}`;
    if (page.length === 0) return result;
    after = page[page.length - 1]!.digest;
    await db.$transaction(async (tx) => {
      const locked = await tryLockBlobs(tx, page.map((p) => p.digest));
      if (locked.length === 0) return;
      await tx.$executeRawUnsafe(
        `DELETE FROM repository_blobs rb WHERE rb.digest = ANY($1::text[]) AND rb.created_at < $2::timestamp AND ${UNREFERENCED_LINK}`,
        locked,
        cutoff,
      );
      const gone = await tx.$queryRaw<Array<{ digest: string; size: bigint }>>`
        DELETE FROM blobs b WHERE b.digest = ANY(${locked}::text[]) AND b.created_at < ${cutoff}
          AND NOT EXISTS (SELECT 1 FROM repository_blobs rb WHERE rb.digest = b.digest)
          AND NOT EXISTS (SELECT 1 FROM manifest_blobs mb WHERE mb.digest = b.digest)
        RETURNING b.digest, b.size`;
      await forEachLimited(gone, DELETES_IN_FLIGHT, async (blob) => {
        try {
          await storage.delete(blobKey(blob.digest));
        } catch (err) {
          // The row is gone and the bytes stay: a later run finds them as an unrecorded file.
          result.errors.push(`deleting ${blob.digest} from storage: ${(err as Error)?.message ?? err}`);
          return;
        }
        result.blobs++;
        result.bytes += BigInt(blob.size);
      });
    }, GC_TRANSACTION);
  }
}

/** Dry run: what would go once `deadManifestIds` were deleted (links made after the cutoff, or in use, keep a blob). */
async function countCollectable(db: Db, cutoff: Date, dead: string[]): Promise<BlobSweep> {
  const [row] = await db.$queryRaw<Array<{ n: number; bytes: bigint | null }>>`
    SELECT count(*)::int AS n, sum(b.size)::bigint AS bytes FROM blobs b WHERE b.created_at < ${cutoff}
      AND NOT EXISTS (SELECT 1 FROM repository_blobs rb WHERE rb.digest = b.digest AND (rb.created_at >= ${cutoff}
        OR EXISTS (SELECT 1 FROM manifest_blobs mb JOIN manifests m ON m.id = mb.manifest_id
                   WHERE mb.digest = rb.digest AND m.repository_id = rb.repository_id AND NOT (m.id = ANY(${dead}::uuid[])))))
      AND NOT EXISTS (SELECT 1 FROM manifest_blobs mb WHERE mb.digest = b.digest AND NOT (mb.manifest_id = ANY(${dead}::uuid[])))`;
  return { blobs: row?.n ?? 0, bytes: row?.bytes ?? 0n, errors: [] };
}

/** Runs `fn` over `items` with at most `limit` calls in flight. */
export async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
