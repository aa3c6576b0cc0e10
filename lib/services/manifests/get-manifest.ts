import { RegistryError } from '@/lib/errors/registry-error';
import { isDigest, looksLikeDigest } from '@/lib/oci/digest';
import { isTag } from '@/lib/oci/names';
import { queryPrepared } from '@/lib/db/client';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorizePullRow, type PullRowRepository } from '@/lib/services/access/authorize-pull-row';
import { recordPull } from './record-pull';

export interface StoredManifest {
  digest: string;
  mediaType: string;
  size: number;
  content?: Uint8Array;
}

type Row = PullRowRepository & {
  digest: string | null;
  media_type: string | null;
  size: number | null;
  content: Uint8Array | null;
};

/** A manifest by tag or digest; `withContent: false` (HEAD) leaves the body in the database. */
export async function getManifest(
  app: AppContext,
  input: { actor: Actor; name: string; reference: string; withContent: boolean },
): Promise<StoredManifest> {
  const { reference } = input;
  const byDigest = looksLikeDigest(reference);
  // OCI: a reference that is neither a valid tag nor a valid digest names no manifest, so GET and HEAD answer 404
  // MANIFEST_UNKNOWN (after authorization, like any missing manifest); the lookup is skipped, not the checks.
  const valid = byDigest ? isDigest(reference) : isTag(reference);
  // Every pull starts here, so the repository and the manifest come back in one statement; nothing of the manifest
  // leaves this function unless the authorization below passes.
  const rows = queryPrepared<Row>(
    app.db,
    'berth-get-manifest',
    `SELECT r.id::text AS id, r.name, r.namespace_id::text AS namespace_id, r.visibility::text AS visibility,
            m.digest, m.media_type, m.size, CASE WHEN $3 THEN m.content END AS content
     FROM repositories r
     LEFT JOIN manifests m ON m.repository_id = r.id AND (
       ($2 AND m.digest = $4) OR
       (NOT $2 AND m.id = (SELECT t.manifest_id FROM tags t WHERE t.repository_id = r.id AND t.name = $4)))
     WHERE r.name = $1`,
    [input.name, byDigest, input.withContent, valid ? reference : ''],
  );
  const found = await authorizePullRow(app, input, rows);
  if (!found?.digest) throw new RegistryError('MANIFEST_UNKNOWN', `manifest ${reference.slice(0, 200)} not found in ${input.name}`);
  // Pull statistics: a GET is a pull (a HEAD only checks), counted in memory and written in batches.
  if (input.withContent) recordPull(app, { repositoryId: found.id, digest: found.digest, tag: byDigest ? null : reference });
  return { digest: found.digest, mediaType: found.media_type!, size: found.size!, content: found.content ?? undefined };
}
