import type { AppContext } from '@/lib/services/context';
import { lockBlobs } from '@/lib/services/gc/gc-locks';
import { blobKey } from '@/lib/storage/keys';

// A move on S3 copies the object: give it time, though it holds a connection and only this digest's lock.
const PLACE_TIMEOUT_MS = 15 * 60_000;

/**
 * Moves verified upload bytes to their blob key and links the blob into a repository, all under the blob's lock
 * (gc-locks.ts): a collection sweeping the same digest either finishes before (and the bytes land afterwards) or
 * waits and then sees the new link. If the process dies after the move and before the commit, the bytes are an
 * unreferenced file that a later collection removes, and the client pushes again. `endUpload` names the upload
 * session the bytes came from: it ends in the same transaction (one commit, not two, on every blob push).
 */
export async function placeBlob(
  app: AppContext,
  input: { repositoryId: string; key: string; digest: string; size: number; endUpload?: string },
): Promise<void> {
  await app.db.$transaction(
    async (tx) => {
      await lockBlobs(tx, [input.digest], 'shared');
      await app.storage.move(input.key, blobKey(input.digest));
      await tx.$executeRaw`INSERT INTO blobs (digest, size) VALUES (${input.digest}, ${BigInt(input.size)}) ON CONFLICT (digest) DO NOTHING`;
      await tx.$executeRaw`INSERT INTO repository_blobs (repository_id, digest) VALUES (${input.repositoryId}::uuid, ${input.digest})
        ON CONFLICT DO NOTHING`;
      if (input.endUpload) await tx.$executeRaw`DELETE FROM upload_sessions WHERE id = ${input.endUpload}::uuid`;
    },
    { timeout: PLACE_TIMEOUT_MS, maxWait: 30_000 },
  );
}
