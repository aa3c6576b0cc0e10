import { Prisma } from '@/lib/db/generated/client';

/**
 * The per-object locks that make garbage collection safe while pushes go on, on any number of instances.
 * Writers that make a blob or manifest reachable take its lock shared inside the transaction that records the
 * reference (and re-check the object is still there under it); the collector takes it exclusive and re-checks that
 * nothing references the object before deleting it. Either the writer commits first (the collector then sees the
 * reference and keeps the object) or the collector does (the writer then sees the object gone and fails with a
 * retryable error): a manifest never points at a deleted blob. Transaction-scoped Postgres advisory locks, so a
 * crashed process never leaves one behind.
 */
const BLOB_LOCK_CLASS = 0x6762; // "gb"
const MANIFEST_LOCK_CLASS = 0x676d; // "gm"

type Tx = Prisma.TransactionClient;
export type LockMode = 'shared' | 'exclusive';

/** Locks blobs by digest. Keys are taken in one sorted order by every caller, so two transactions cannot deadlock. */
export async function lockBlobs(tx: Tx, digests: readonly string[], mode: LockMode): Promise<void> {
  await lockKeys(tx, BLOB_LOCK_CLASS, [...new Set(digests)], mode);
}

/** Locks manifests by repository and digest. */
export async function lockManifests(tx: Tx, repositoryId: string, digests: readonly string[], mode: LockMode): Promise<void> {
  await lockKeys(tx, MANIFEST_LOCK_CLASS, [...new Set(digests)].map((d) => `${repositoryId}@${d}`), mode);
}

/**
 * Takes the blobs' locks exclusively where no one holds them, without waiting, in one statement; answers the digests
 * it locked. A blob a push holds (it is being written or referenced right now) is left for a later run: the
 * collector never waits on a push, and with no waiting there is no lock order to keep.
 */
export async function tryLockBlobs(tx: Tx, digests: readonly string[]): Promise<string[]> {
  if (digests.length === 0) return [];
  const rows = await tx.$queryRaw<Array<{ digest: string }>>`
    SELECT d AS digest FROM unnest(${[...new Set(digests)]}::text[]) AS d
    WHERE pg_try_advisory_xact_lock(${BLOB_LOCK_CLASS}::int, hashtext(d))`;
  return rows.map((r) => r.digest);
}

async function lockKeys(tx: Tx, lockClass: number, keys: string[], mode: LockMode): Promise<void> {
  if (keys.length === 0) return;
  const fn = Prisma.raw(mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock');
  // Sorted by the lock key itself (hash collisions included) in a subquery, so the locks are taken in that order.
  await tx.$queryRaw`
    SELECT count(*)::int AS n FROM (
      SELECT ${fn}(${lockClass}::int, k) FROM (SELECT DISTINCT hashtext(key) AS k FROM unnest(${keys}::text[]) AS key ORDER BY k OFFSET 0) s
    ) locked`;
}
