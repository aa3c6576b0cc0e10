import { Prisma } from '@/lib/db/generated/client';
import { MT } from '@/lib/oci/media-types';
import type { AppContext } from '@/lib/services/context';
import { createScanRow } from './create-scan-row';
import { enqueueScans } from './enqueue-scan-jobs';

// One request or one import queues at most this many scans; the rest wait for the next.
export const MAX_SCANS_PER_REQUEST = 10_000;

/**
 * Queues a scan of every image the tags matched by `where` (a condition on `tags t` and `manifests m`) point at: one
 * per (repository, digest), named after its most recently pushed tag. Artifacts (a subject, an artifactType, a config
 * that is no image config) are skipped, as scan on push skips them; an image with a scan already queued or running
 * keeps that one. Rows commit as queued and are then enqueued (the sweeper catches any left behind).
 */
export async function queueImageScans(
  app: AppContext,
  input: { where: Prisma.Sql; trigger: 'manual' | 'rescan'; requestedBy: string },
): Promise<{ queued: number; alreadyActive: number }> {
  const targets = await app.db.$queryRaw<Array<{ repository_id: string; digest: string; tag: string }>>`
    SELECT DISTINCT ON (t.repository_id, m.digest) t.repository_id::text, m.digest, t.name AS tag
    FROM tags t JOIN manifests m ON m.id = t.manifest_id
    WHERE ${input.where} AND m.subject_digest IS NULL AND m.artifact_type IS NULL
      AND (m.media_type IN (${MT.ociIndex}, ${MT.dockerList}) OR EXISTS (
        SELECT 1 FROM manifest_blobs mb WHERE mb.manifest_id = m.id AND mb.role = 'config'
          AND mb.media_type IN (${MT.ociConfig}, ${MT.dockerConfig})))
    ORDER BY t.repository_id, m.digest, t.pushed_at DESC
    LIMIT ${MAX_SCANS_PER_REQUEST}`;
  const created: string[] = [];
  let alreadyActive = 0;
  for (const t of targets) {
    const { scan, created: isNew } = await app.db.$transaction((tx) =>
      createScanRow(tx, { repositoryId: t.repository_id, manifestDigest: t.digest, tag: t.tag, trigger: input.trigger, requestedBy: input.requestedBy }),
    );
    if (isNew) created.push(scan.id);
    else alreadyActive += 1;
  }
  await enqueueScans(app, created);
  return { queued: created.length, alreadyActive };
}
