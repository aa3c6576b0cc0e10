import { Prisma } from '@/lib/db/generated/client';
import { actorName, type Actor, type AppContext } from '@/lib/services/context';
import { assertTagsMayGo } from '@/lib/services/immutability/find-immutability-rule';
import type { RepositoryRow } from '@/lib/services/repositories/repository-row';
import { enqueueWebhookEvents } from '@/lib/services/webhooks/enqueue-webhook-jobs';
import { recordWebhookEvent } from '@/lib/services/webhooks/record-webhook-event';

// The tags a removal took, with what they pointed at, for their `tag.deleted` events.
type RemovedTag = { name: string; pushed_at: Date; digest: string; media_type: string; size: bigint };

// pushData.size: the manifest plus what it references directly, as for a push.
const MANIFEST_SIZE = Prisma.sql`(m.size + COALESCE((SELECT sum(b.size) FROM manifest_blobs b WHERE b.manifest_id = m.id), 0)
  + COALESCE((SELECT sum(c.size) FROM manifest_children c WHERE c.manifest_id = m.id), 0))::bigint`;

/**
 * Removes one tag, or a manifest with every tag on it, and writes a `tag.deleted` webhook event per removed tag in
 * the same transaction (queued after the commit). The one way tags disappear, whether through the registry
 * protocol or the REST API. Returns false when there was nothing to remove. The caller has authorized. An immutable
 * tag among them (lib/services/immutability) refuses the whole removal with DENIED.
 */
export async function removeTags(
  app: AppContext,
  input: ({ actor: Actor; repository: RepositoryRow; tag: string } | { actor: Actor; repository: RepositoryRow; digest: string }) & {
    /** Who the `tag.deleted` events name, when not the actor (retention's scheduled runs: "retention"). */
    operator?: string;
  },
): Promise<boolean> {
  const repo = input.repository;
  const eventIds = await app.db.$transaction(async (tx) => {
    let tags: RemovedTag[];
    const doomed = await tx.$queryRaw<Array<{ name: string }>>(
      'digest' in input
        ? Prisma.sql`SELECT t.name FROM tags t JOIN manifests m ON m.id = t.manifest_id
            WHERE m.repository_id = ${repo.id}::uuid AND m.digest = ${input.digest} FOR UPDATE OF t`
        : Prisma.sql`SELECT name FROM tags WHERE repository_id = ${repo.id}::uuid AND name = ${input.tag} FOR UPDATE`,
    );
    await assertTagsMayGo(tx, { repositoryId: repo.id, tags: doomed.map((t) => t.name) });
    if ('digest' in input) {
      tags = await tx.$queryRaw<RemovedTag[]>`
        DELETE FROM tags t USING manifests m WHERE m.repository_id = ${repo.id}::uuid AND m.digest = ${input.digest} AND t.manifest_id = m.id
        RETURNING t.name, t.pushed_at, m.digest, m.media_type, ${MANIFEST_SIZE} AS size`;
      const { count } = await tx.manifest.deleteMany({ where: { repositoryId: repo.id, digest: input.digest } });
      if (count === 0) return null;
    } else {
      tags = await tx.$queryRaw<RemovedTag[]>`
        DELETE FROM tags t USING manifests m WHERE t.repository_id = ${repo.id}::uuid AND t.name = ${input.tag} AND m.id = t.manifest_id
        RETURNING t.name, t.pushed_at, m.digest, m.media_type, ${MANIFEST_SIZE} AS size`;
      if (tags.length === 0) return null;
    }
    const ids: string[] = [];
    for (const tag of tags) {
      ids.push(
        await recordWebhookEvent(tx, {
          type: 'tag.deleted',
          repository: repo,
          tag: tag.name,
          digest: tag.digest,
          mediaType: tag.media_type,
          size: Number(tag.size),
          pushedAt: tag.pushed_at,
          operator: input.operator ?? actorName(input.actor),
        }),
      );
    }
    return ids;
  });
  if (!eventIds) return false;
  await enqueueWebhookEvents(app, eventIds);
  return true;
}
