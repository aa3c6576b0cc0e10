import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';
import { uploadKey } from '@/lib/storage/keys';
import { commitBlob, parseClaimedDigest } from './commit-blob';
import { digestOf } from './upload-hasher';
import { claimUpload } from './upload-lease';
import { writeChunk, type ChunkInput } from './write-chunk';

/** PUT on an upload session: the optional last chunk, then verification against `?digest=` and commit. */
export async function finishUpload(
  app: AppContext,
  input: { actor: Actor; name: string; id: string; digest: string | null; chunk?: ChunkInput },
): Promise<{ digest: string }> {
  const claimed = parseClaimedDigest(input.digest);
  const repo = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'push', createIfMissing: false });
  let upload = await claimUpload(app, { id: input.id, repositoryId: repo.id });
  if (input.chunk) {
    await writeChunk(app, upload, input.chunk);
    // Claimed again and held until the session is gone, so no other request can append between hash and commit.
    upload = await claimUpload(app, { id: input.id, repositoryId: repo.id });
  }
  try {
    const sha256 = await digestOf(upload);
    // The session ends in the transaction that links the blob.
    await commitBlob(app, { repositoryId: repo.id, key: uploadKey(upload.id), size: upload.size, sha256, claimed, endUpload: upload.id });
  } catch (err) {
    // Whether it verified or not, the session is over (the spec's DIGEST_INVALID ends it too).
    await app.db.uploadSession.deleteMany({ where: { id: upload.id } });
    throw err;
  } finally {
    upload.end();
  }
  return { digest: claimed };
}
