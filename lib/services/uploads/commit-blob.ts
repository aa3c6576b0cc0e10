import { createHash } from 'node:crypto';
import { RegistryError } from '@/lib/errors/registry-error';
import { digestAlgorithm, isDigest } from '@/lib/oci/digest';
import type { AppContext } from '@/lib/services/context';
import { placeBlob } from '@/lib/services/blobs/place-blob';
import { assertBlobFitsQuota } from '@/lib/services/quotas/assert-blob-fits-quota';

/**
 * Verifies uploaded bytes against the digest the client claims, then moves them into place and links the blob.
 * `sha256` is the digest of the stored bytes computed while they streamed in; other algorithms re-read them.
 * On a mismatch, or when the blob would take its namespace past its quota, nothing is stored and the bytes are removed.
 */
export async function commitBlob(
  app: AppContext,
  input: { repositoryId: string; key: string; size: number; sha256: string; claimed: string; endUpload?: string },
): Promise<void> {
  const actual = digestAlgorithm(input.claimed) === 'sha256' ? input.sha256 : await rehash(app, input.key, 'sha512');
  if (actual !== input.claimed) {
    await app.storage.delete(input.key);
    throw new RegistryError('DIGEST_INVALID', `uploaded content has digest ${actual}, not ${input.claimed}`);
  }
  try {
    await assertBlobFitsQuota(app.db, { repositoryId: input.repositoryId, digest: input.claimed, size: input.size });
  } catch (err) {
    await app.storage.delete(input.key);
    throw err;
  }
  // A zero-length upload never wrote a byte, so there may be no object to move yet.
  if (input.size === 0 && !(await app.storage.stat(input.key))) await app.storage.write(input.key, (async function* () {})());
  // The move is atomic: readers see either no blob or all of it. It happens under the blob's collection lock.
  await placeBlob(app, { repositoryId: input.repositoryId, key: input.key, digest: input.claimed, size: input.size, endUpload: input.endUpload });
}

async function rehash(app: AppContext, key: string, algorithm: 'sha512'): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of await app.storage.read(key)) hash.update(chunk as Buffer);
  return `${algorithm}:${hash.digest('hex')}`;
}

export function parseClaimedDigest(digest: string | null): string {
  if (!digest) throw new RegistryError('DIGEST_INVALID', 'the digest query parameter is required');
  if (!isDigest(digest)) {
    throw new RegistryError('DIGEST_INVALID', `invalid or unsupported digest "${digest.slice(0, 200)}" (sha256 and sha512 are supported)`);
  }
  return digest;
}
