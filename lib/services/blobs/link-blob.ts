import type { Db } from '@/lib/db/client';

/**
 * Records a verified blob and makes it readable in a repository. Idempotent and safe under concurrent pushes.
 * `endUpload` names the upload session the blob came from: it ends in the same transaction (one commit, not two,
 * on every blob push).
 */
export async function linkBlob(db: Db, input: { repositoryId: string; digest: string; size: number; endUpload?: string }): Promise<void> {
  await db.$transaction([
    db.$executeRaw`INSERT INTO blobs (digest, size) VALUES (${input.digest}, ${BigInt(input.size)})
      ON CONFLICT (digest) DO NOTHING`,
    db.$executeRaw`INSERT INTO repository_blobs (repository_id, digest) VALUES (${input.repositoryId}::uuid, ${input.digest})
      ON CONFLICT DO NOTHING`,
    ...(input.endUpload ? [db.$executeRaw`DELETE FROM upload_sessions WHERE id = ${input.endUpload}::uuid`] : []),
  ]);
}
