import { Prisma } from '@/lib/db/generated/client';
import { absent } from '@/lib/errors/domain-error';
import { type ImageConfigSummary, summarizeImageConfig } from '@/lib/oci/image-config';
import { MT } from '@/lib/oci/media-types';
import { isTag } from '@/lib/oci/names';
import { blobKey } from '@/lib/storage/keys';
import type { TagDetailDto, TagDto } from '@/lib/schemas/repositories';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { queryTagSummaries, toPlatform } from './query-tag-summaries';

const MAX_REFERRERS = 1000;
/** Image configs are small (kilobytes); a larger one is not read for display. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
const IMAGE_CONFIG_TYPES: ReadonlySet<string> = new Set([MT.ociConfig, MT.dockerConfig]);

/** One tag with its manifest: config and layers of an image, children of an index, annotations, and referrers. */
export async function getTag(app: AppContext, input: { actor: Actor; name: string; tag: string }): Promise<TagDetailDto> {
  const { repository } = await requireRepositoryAction(app, { actor: input.actor, name: input.name, action: 'cr:GetTag' });
  if (!isTag(input.tag)) throw absent('tag');
  const [tag] = await queryTagSummaries(app, {
    repositoryId: repository.id,
    where: Prisma.sql`t.name = ${input.tag}`,
    sort: 'name',
    limit: 1,
    offset: 0,
  });
  if (!tag) throw absent('tag');
  return describeManifest(app, repository.id, tag);
}

/**
 * A tag summary completed with what its manifest holds: config and layers of an image, children of an index (each
 * with the size of its own image), annotations, and referrers. Also used for one platform of an index.
 */
export async function describeManifest(app: AppContext, repositoryId: string, tag: TagDto): Promise<TagDetailDto> {
  const [manifest, referrers] = await Promise.all([
    app.db.manifest.findUnique({
      where: { repositoryId_digest: { repositoryId: repositoryId, digest: tag.digest } },
      select: {
        artifactType: true,
        subjectDigest: true,
        annotations: true,
        blobs: { select: { digest: true, role: true, size: true, mediaType: true }, orderBy: { position: 'asc' } },
        children: { select: { childDigest: true, mediaType: true, size: true, platform: true }, orderBy: { position: 'asc' } },
      },
    }),
    app.db.manifest.findMany({
      where: { repositoryId: repositoryId, subjectDigest: tag.digest },
      select: { digest: true, mediaType: true, size: true, artifactType: true, annotations: true },
      orderBy: { createdAt: 'asc' },
      take: MAX_REFERRERS,
    }),
  ]);
  if (!manifest) throw absent('tag'); // the tag moved and its old manifest went meanwhile
  const config = manifest.blobs.find((b) => b.role === 'config');
  const image = config && IMAGE_CONFIG_TYPES.has(config.mediaType) ? await readImageConfig(app, config.digest, Number(config.size)) : null;
  return {
    ...tag,
    artifactType: manifest.artifactType,
    config: config ? { digest: config.digest, mediaType: config.mediaType, size: Number(config.size) } : null,
    image,
    layers: manifest.blobs
      .filter((b) => b.role === 'layer')
      .map((b) => ({ digest: b.digest, mediaType: b.mediaType, size: Number(b.size) })),
    annotations: toAnnotations(manifest.annotations),
    subject: manifest.subjectDigest,
    children: await withImageSizes(app, repositoryId, manifest.children.map((c) => ({
      digest: c.childDigest,
      mediaType: c.mediaType,
      size: Number(c.size),
      platform: toPlatform(c.platform),
    }))),
    referrers: referrers.map((r) => ({
      digest: r.digest,
      mediaType: r.mediaType,
      size: r.size,
      artifactType: r.artifactType,
      annotations: toAnnotations(r.annotations),
    })),
  };
}

/**
 * Each child manifest with `imageSize`: what pulling that platform transfers at most (its manifest plus its distinct
 * config and layers), in one query; null for a child not stored in this repository.
 */
async function withImageSizes<T extends { digest: string; size: number }>(app: AppContext, repositoryId: string, children: T[]): Promise<Array<T & { imageSize: number | null }>> {
  if (children.length === 0) return [];
  const rows = await app.db.$queryRaw<Array<{ digest: string; total: string }>>`
    SELECT m.digest, (m.size + COALESCE((SELECT SUM(b.size) FROM (
      SELECT DISTINCT mb.digest, mb.size FROM manifest_blobs mb WHERE mb.manifest_id = m.id) b), 0))::text AS total
    FROM manifests m WHERE m.repository_id = ${repositoryId}::uuid AND m.digest = ANY(${children.map((c) => c.digest)}::text[])`;
  const sizes = new Map(rows.map((r) => [r.digest, Number(r.total)]));
  return children.map((c) => ({ ...c, imageSize: sizes.get(c.digest) ?? null }));
}

/** The summary of a config blob, or null when it is missing, too large or not JSON: the page shows the rest. */
async function readImageConfig(app: AppContext, digest: string, size: number): Promise<ImageConfigSummary | null> {
  if (size > MAX_CONFIG_BYTES) return null;
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of await app.storage.read(blobKey(digest))) {
      total += (chunk as Buffer).length;
      if (total > MAX_CONFIG_BYTES) return null;
      chunks.push(chunk as Buffer);
    }
    return summarizeImageConfig(JSON.parse(Buffer.concat(chunks).toString('utf8')));
  } catch {
    return null;
  }
}

function toAnnotations(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
