import { Prisma } from '@/lib/db/generated/client';
import { absent } from '@/lib/errors/domain-error';
import { isDigest } from '@/lib/oci/digest';
import { isTag } from '@/lib/oci/names';
import type { TagDetailDto } from '@/lib/schemas/repositories';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { describeManifest } from './get-tag';
import { queryTagSummaries, toPlatform } from './query-tag-summaries';

/**
 * One platform of the index a tag points at, opened like a tag of its own: the child manifest's config, layers and
 * size, under the tag's name and push. NOT_FOUND unless the tag is an index that lists this digest and the child is
 * stored in the repository.
 */
export async function getTagPlatform(app: AppContext, input: { actor: Actor; name: string; tag: string; digest: string }): Promise<TagDetailDto> {
  const { repository } = await requireRepositoryAction(app, { actor: input.actor, name: input.name, action: 'cr:GetTag' });
  if (!isTag(input.tag) || !isDigest(input.digest)) throw absent('tag');
  const [tag] = await queryTagSummaries(app, { repositoryId: repository.id, where: Prisma.sql`t.name = ${input.tag}`, sort: 'name', limit: 1, offset: 0 });
  if (!tag) throw absent('tag');
  const rows = await app.db.$queryRaw<Array<{ media_type: string; config_digest: string | null; size: string; platform: unknown }>>`
    SELECT cm.media_type, cm.config_digest, mc.platform,
      (cm.size + COALESCE((SELECT SUM(b.size) FROM (
        SELECT DISTINCT mb.digest, mb.size FROM manifest_blobs mb WHERE mb.manifest_id = cm.id) b), 0))::text AS size
    FROM manifests m
    JOIN manifest_children mc ON mc.manifest_id = m.id AND mc.child_digest = ${input.digest}
    JOIN manifests cm ON cm.repository_id = m.repository_id AND cm.digest = mc.child_digest
    WHERE m.repository_id = ${repository.id}::uuid AND m.digest = ${tag.digest}
    LIMIT 1`;
  const child = rows[0];
  if (!child) throw absent('platform');
  return describeManifest(app, repository.id, {
    name: tag.name,
    digest: input.digest,
    mediaType: child.media_type,
    size: Number(child.size),
    configDigest: child.config_digest,
    platforms: [],
    platform: toPlatform(typeof child.platform === 'string' ? JSON.parse(child.platform) : child.platform),
    pushedAt: tag.pushedAt,
    pushedBy: tag.pushedBy,
    // Pulls are counted per tag: the platform shares its tag's figures.
    pulls: tag.pulls,
    lastPulledAt: tag.lastPulledAt,
    immutable: tag.immutable,
    immutableRule: tag.immutableRule,
  });
}
