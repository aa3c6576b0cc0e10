import type { Db } from '@/lib/db/client';
import { RegistryError } from '@/lib/errors/registry-error';
import { lockBlobs } from '@/lib/services/gc/gc-locks';
import type { StorageDriver } from '@/lib/storage/driver';
import { blobKey } from '@/lib/storage/keys';

/**
 * Records a verified blob already in place in storage and makes it readable in a repository. Idempotent and safe
 * under concurrent pushes. Under the blob's lock (see gc-locks.ts) it checks the bytes are still there: if garbage
 * collection removed them after they were moved into place, the push fails with a retryable error instead of
 * linking a blob without bytes. `storage` is optional for callers that placed the bytes under the same lock.
 */
export async function linkBlob(db: Db, input: { repositoryId: string; digest: string; size: number; storage?: StorageDriver }): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockBlobs(tx, [input.digest], 'shared');
    if (input.storage && !(await input.storage.stat(blobKey(input.digest)))) {
      throw new RegistryError('BLOB_UPLOAD_INVALID', `blob ${input.digest} was removed by garbage collection while it was committed: push it again`);
    }
    await tx.$executeRaw`INSERT INTO blobs (digest, size) VALUES (${input.digest}, ${BigInt(input.size)}) ON CONFLICT (digest) DO NOTHING`;
    await tx.$executeRaw`INSERT INTO repository_blobs (repository_id, digest) VALUES (${input.repositoryId}::uuid, ${input.digest})
      ON CONFLICT DO NOTHING`;
  });
}
