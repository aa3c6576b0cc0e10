import type { Db } from '@/lib/db/client';
import { lockBlobs } from '@/lib/services/gc/gc-locks';

/**
 * Links a blob Berth already stores into another repository (a cross-repository mount). Under the blob's lock, and
 * only if the blob is still recorded: one that garbage collection just removed is not resurrected without bytes.
 * Returns whether the link exists afterwards.
 */
export async function linkExistingBlob(db: Db, input: { repositoryId: string; digest: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await lockBlobs(tx, [input.digest], 'shared');
    const linked = await tx.$queryRaw<Array<{ digest: string }>>`
      INSERT INTO repository_blobs (repository_id, digest) SELECT ${input.repositoryId}::uuid, b.digest FROM blobs b WHERE b.digest = ${input.digest}
      ON CONFLICT (repository_id, digest) DO UPDATE SET digest = EXCLUDED.digest
      RETURNING digest`;
    return linked.length > 0;
  });
}
