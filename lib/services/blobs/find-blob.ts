import { RegistryError } from '@/lib/errors/registry-error';
import { isDigest } from '@/lib/oci/digest';
import { queryPrepared } from '@/lib/db/client';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorizePullRow, type PullRowRepository } from '@/lib/services/access/authorize-pull-row';

export interface BlobInfo {
  digest: string;
  size: number;
  mediaType: string | null;
}

type Row = PullRowRepository & { size: string | null; media_type: string | null };

/** A blob as readable in one repository: only once it was pushed or mounted there. */
export async function findBlob(
  app: AppContext,
  input: { actor: Actor; name: string; digest: string },
): Promise<BlobInfo> {
  if (!isDigest(input.digest)) throw new RegistryError('DIGEST_INVALID', `invalid digest "${input.digest.slice(0, 200)}"`);
  // The repository and the blob's link in it, in one statement (every layer of every pull asks).
  const rows = queryPrepared<Row>(
    app.db,
    'berth-find-blob',
    `SELECT r.id::text AS id, r.name, r.namespace_id::text AS namespace_id, r.visibility::text AS visibility, b.size, b.media_type
     FROM repositories r
     LEFT JOIN repository_blobs rb ON rb.repository_id = r.id AND rb.digest = $2
     LEFT JOIN blobs b ON b.digest = rb.digest
     WHERE r.name = $1`,
    [input.name, input.digest],
  );
  const found = await authorizePullRow(app, input, rows);
  if (found?.size === null || found?.size === undefined) throw new RegistryError('BLOB_UNKNOWN', `blob ${input.digest} is not in ${input.name}`);
  return { digest: input.digest, size: Number(found.size), mediaType: found.media_type };
}
