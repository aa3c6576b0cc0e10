import { queryPrepared, type Db } from '@/lib/db/client';

/**
 * Records a verified blob and makes it readable in a repository. Idempotent and safe under concurrent pushes.
 * `endUpload` names the upload session the blob came from: it ends in the same statement. One statement is one
 * transaction and one round trip (the foreign key from repository_blobs to blobs is checked at its end, when the
 * blob row exists).
 */
export async function linkBlob(db: Db, input: { repositoryId: string; digest: string; size: number; endUpload?: string }): Promise<void> {
  await queryPrepared(
    db,
    'berth-link-blob',
    `WITH blob AS (
       INSERT INTO blobs (digest, size) VALUES ($1, $2::bigint) ON CONFLICT (digest) DO NOTHING
     ), link AS (
       INSERT INTO repository_blobs (repository_id, digest) VALUES ($3::uuid, $1) ON CONFLICT DO NOTHING
     ), ended AS (
       DELETE FROM upload_sessions WHERE $4::uuid IS NOT NULL AND id = $4::uuid
     )
     SELECT 1`,
    [input.digest, String(input.size), input.repositoryId, input.endUpload ?? null],
  );
}
