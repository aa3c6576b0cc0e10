import { Prisma } from '@/lib/db/generated/client';
import { RegistryError } from '@/lib/errors/registry-error';
import { isDigest, looksLikeDigest } from '@/lib/oci/digest';
import { isTag, namespaceOf } from '@/lib/oci/names';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { actorName, type Actor, type AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';
import { enqueueWebhookEvents } from '@/lib/services/webhooks/enqueue-webhook-jobs';
import { recordWebhookEvent } from '@/lib/services/webhooks/record-webhook-event';

// Webhooks: the tags a delete removed, with what they pointed at, for their `tag.deleted` events.
type DeletedTag = { name: string; pushed_at: Date; digest: string; media_type: string; size: bigint };

// pushData.size: the manifest plus what it references directly, as for a push.
const MANIFEST_SIZE = Prisma.sql`(m.size + COALESCE((SELECT sum(b.size) FROM manifest_blobs b WHERE b.manifest_id = m.id), 0)
  + COALESCE((SELECT sum(c.size) FROM manifest_children c WHERE c.manifest_id = m.id), 0))::bigint`;

/**
 * DELETE on a manifest reference. By tag: only that tag goes; the manifest and its other tags stay. By digest: the
 * manifest goes with every tag pointing at it. Blobs stay linked until garbage collection. Each removed tag writes a
 * `tag.deleted` webhook event in the same transaction, queued after the commit.
 */
export async function deleteManifest(
  app: AppContext,
  input: { actor: Actor; name: string; reference: string },
): Promise<{ deleted: 'tag' | 'manifest' }> {
  const { reference } = input;
  const byDigest = looksLikeDigest(reference);
  if (byDigest && !isDigest(reference)) throw new RegistryError('DIGEST_INVALID', `invalid digest "${reference.slice(0, 200)}"`);
  if (!byDigest && !isTag(reference)) throw new RegistryError('MANIFEST_INVALID', `invalid tag "${reference.slice(0, 200)}"`);
  const repo = await authorizeRepository(app, { actor: input.actor, name: input.name, action: byDigest ? 'delete-manifest' : 'delete-tag' });
  const audit = (action: string) =>
    recordAuditEvent(app, { actor: input.actor, action, resource: `repository/${input.name}`, namespace: namespaceOf(input.name), outcome: 'allowed', detail: { reference } });
  const result = await app.db.$transaction(async (tx) => {
    let tags: DeletedTag[];
    if (byDigest) {
      tags = await tx.$queryRaw<DeletedTag[]>`
        DELETE FROM tags t USING manifests m WHERE m.repository_id = ${repo.id}::uuid AND m.digest = ${reference} AND t.manifest_id = m.id
        RETURNING t.name, t.pushed_at, m.digest, m.media_type, ${MANIFEST_SIZE} AS size`;
      const { count } = await tx.manifest.deleteMany({ where: { repositoryId: repo.id, digest: reference } });
      if (count === 0) return null;
    } else {
      tags = await tx.$queryRaw<DeletedTag[]>`
        DELETE FROM tags t USING manifests m WHERE t.repository_id = ${repo.id}::uuid AND t.name = ${reference} AND m.id = t.manifest_id
        RETURNING t.name, t.pushed_at, m.digest, m.media_type, ${MANIFEST_SIZE} AS size`;
      if (tags.length === 0) return null;
    }
    const eventIds: string[] = [];
    for (const tag of tags) {
      eventIds.push(
        await recordWebhookEvent(tx, {
          type: 'tag.deleted',
          repository: repo,
          tag: tag.name,
          digest: tag.digest,
          mediaType: tag.media_type,
          size: Number(tag.size),
          pushedAt: tag.pushed_at,
          operator: actorName(input.actor),
        }),
      );
    }
    return { eventIds };
  });
  if (!result) throw new RegistryError('MANIFEST_UNKNOWN', byDigest ? `manifest ${reference} not found in ${input.name}` : `tag ${reference} not found in ${input.name}`);
  await enqueueWebhookEvents(app, result.eventIds);
  await audit(byDigest ? 'cr:DeleteManifest' : 'cr:DeleteTag');
  return { deleted: byDigest ? 'manifest' : 'tag' };
}
