import { Prisma } from '@/lib/db/generated/client';
import { notFound } from '@/lib/errors/app-error';
import { type ImageConfigSummary, summarizeImageConfig } from '@/lib/oci/image-config';
import { MT } from '@/lib/oci/media-types';
import { isTag } from '@/lib/oci/names';
import { blobKey } from '@/lib/storage/keys';
import type { TagDetailDto } from '@/lib/schemas/repositories';
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
  if (!isTag(input.tag)) throw notFound('tag');
  const [tag] = await queryTagSummaries(app, {
    repositoryId: repository.id,
    where: Prisma.sql`t.name = ${input.tag}`,
    sort: 'name',
    limit: 1,
    offset: 0,
  });
  if (!tag) throw notFound('tag');
  const [manifest, referrers] = await Promise.all([
    app.db.manifest.findUnique({
      where: { repositoryId_digest: { repositoryId: repository.id, digest: tag.digest } },
      select: {
        artifactType: true,
        subjectDigest: true,
        annotations: true,
        blobs: { select: { digest: true, role: true, size: true, mediaType: true }, orderBy: { position: 'asc' } },
        children: { select: { childDigest: true, mediaType: true, size: true, platform: true }, orderBy: { position: 'asc' } },
      },
    }),
    app.db.manifest.findMany({
      where: { repositoryId: repository.id, subjectDigest: tag.digest },
      select: { digest: true, mediaType: true, size: true, artifactType: true, annotations: true },
      orderBy: { createdAt: 'asc' },
      take: MAX_REFERRERS,
    }),
  ]);
  if (!manifest) throw notFound('tag'); // the tag moved and its old manifest went meanwhile
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
    children: manifest.children.map((c) => ({
      digest: c.childDigest,
      mediaType: c.mediaType,
      size: Number(c.size),
      platform: toPlatform(c.platform),
    })),
    referrers: referrers.map((r) => ({
      digest: r.digest,
      mediaType: r.mediaType,
      size: r.size,
      artifactType: r.artifactType,
      annotations: toAnnotations(r.annotations),
    })),
  };
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
