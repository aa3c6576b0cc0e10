import { createHash, randomUUID } from 'node:crypto';
import { RegistryError } from '@/lib/errors/registry-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';
import { assertBlobFitsQuota } from '@/lib/services/quotas/assert-blob-fits-quota';
import { StorageLimitError } from '@/lib/storage/driver';
import { uploadKey } from '@/lib/storage/keys';
import { commitBlob, parseClaimedDigest } from './commit-blob';
import { ClientGoneError } from './write-chunk';

/**
 * POST with `?digest=`: the whole blob in one request. Streams into a private upload key (no session row: if the
 * process dies mid-way, the stale-upload purge removes the bytes), then verifies and commits.
 */
export async function uploadMonolithic(
  app: AppContext,
  input: { actor: Actor; name: string; digest: string | null; body: AsyncIterable<Uint8Array>; length?: number },
): Promise<{ digest: string }> {
  const claimed = parseClaimedDigest(input.digest);
  const repo = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'push' });
  // With its length announced, a blob that cannot fit the quota is refused before its bytes are read.
  if (input.length !== undefined) await assertBlobFitsQuota(app.db, { repositoryId: repo.id, digest: claimed, size: input.length });
  const key = uploadKey(randomUUID());
  const hasher = createHash('sha256');
  let written: number;
  try {
    const result = await app.storage.write(key, input.body, {
      maxBytes: input.length,
      onWritten: (chunk) => hasher.update(chunk),
    });
    if (result.error) throw new ClientGoneError(result.error);
    written = result.written;
    if (input.length !== undefined && written !== input.length) {
      throw new RegistryError('SIZE_INVALID', `expected ${input.length} bytes, received ${written}`);
    }
  } catch (err) {
    await app.storage.delete(key);
    if (err instanceof StorageLimitError) throw new RegistryError('SIZE_INVALID', 'body is longer than Content-Length');
    throw err;
  }
  await commitBlob(app, { repositoryId: repo.id, key, size: written, sha256: `sha256:${hasher.digest('hex')}`, claimed });
  return { digest: claimed };
}
