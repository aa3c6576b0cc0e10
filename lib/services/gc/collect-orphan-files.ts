import type { Db } from '@/lib/db/client';
import type { StorageDriver } from '@/lib/storage/driver';
import { blobKey } from '@/lib/storage/keys';
import { GC_TRANSACTION } from './collect-manifests';
import { forEachLimited, type BlobSweep } from './collect-blobs';
import { tryLockBlobs } from './gc-locks';

const PREFIX = 'blobs/';
const PAGE = 2000;
const IN_FLIGHT = 32;

/** `blobs/sha256/ab/ab12…` → `sha256:ab12…`, or null for a key that is not a blob's. */
export function digestOfBlobKey(key: string): string | null {
  const m = /^blobs\/([a-z0-9]+)\/[0-9a-f]{2}\/([0-9a-f]+)$/.exec(key);
  return m ? `${m[1]}:${m[2]}` : null;
}

/**
 * Removes blob files that no database row records, last written before the cutoff: bytes a process moved into
 * place and died before recording, or whose row a run deleted when storage refused the delete. Under each blob's
 * lock the row's absence is checked again, so an upload committing the same digest is never undone.
 */
export async function collectOrphanFiles(db: Db, storage: StorageDriver, input: { cutoff: Date; dryRun: boolean }): Promise<BlobSweep> {
  const result: BlobSweep = { blobs: 0, bytes: 0n, errors: [] };
  let page: string[] = [];
  const flush = async () => {
    const digests = page;
    page = [];
    const recorded = await db.$queryRaw<Array<{ digest: string }>>`SELECT digest FROM blobs WHERE digest = ANY(${digests}::text[])`;
    const known = new Set(recorded.map((r) => r.digest));
    const orphans: Array<{ digest: string; size: number }> = [];
    await forEachLimited(
      digests.filter((d) => !known.has(d)),
      IN_FLIGHT,
      async (digest) => {
        const stat = await storage.stat(blobKey(digest));
        if (stat && stat.modifiedAt < input.cutoff) orphans.push({ digest, size: stat.size });
      },
    );
    if (orphans.length === 0) return;
    if (input.dryRun) {
      for (const o of orphans) {
        result.blobs++;
        result.bytes += BigInt(o.size);
      }
      return;
    }
    await db.$transaction(async (tx) => {
      // A digest a push holds is being committed right now: its file is not an orphan for long.
      const locked = new Set(await tryLockBlobs(tx, orphans.map((o) => o.digest)));
      const still = await tx.$queryRaw<Array<{ digest: string }>>`SELECT digest FROM blobs WHERE digest = ANY(${[...locked]}::text[])`;
      const nowKnown = new Set(still.map((r) => r.digest));
      await forEachLimited(orphans, IN_FLIGHT, async (o) => {
        if (!locked.has(o.digest) || nowKnown.has(o.digest)) return;
        try {
          await storage.delete(blobKey(o.digest));
          result.blobs++;
          result.bytes += BigInt(o.size);
        } catch (err) {
          result.errors.push(`deleting unrecorded ${o.digest} from storage: ${(err as Error)?.message ?? err}`);
        }
      });
    }, GC_TRANSACTION);
  };
  for await (const key of storage.list(PREFIX)) {
    const digest = digestOfBlobKey(key);
    if (!digest) continue;
    page.push(digest);
    if (page.length >= PAGE) await flush();
  }
  if (page.length > 0) await flush();
  return result;
}
