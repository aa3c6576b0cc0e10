import { Prisma } from '@/lib/db/generated/client';
import type { PlatformDto, TagDto } from '@/lib/schemas/repositories';
import type { AppContext } from '@/lib/services/context';
import { loadImmutabilityMatcher } from '@/lib/services/immutability/find-immutability-rule';

type Row = {
  name: string;
  pushed_at: Date;
  pushed_by: string | null;
  pull_count: number;
  last_pulled_at: Date | null;
  digest: string;
  media_type: string;
  config_digest: string | null;
  size: string;
  platforms: unknown;
};

export interface TagPage {
  repositoryId: string;
  /** A condition on `tags t`. */
  where: Prisma.Sql;
  sort: 'name' | 'pushedAt';
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/**
 * Tags of one repository with what the console shows for each, in one query whatever the page size: the page of
 * tags is cut first, then each row's manifest, pusher, size and platforms are joined to it.
 *
 * Size is what a pull transfers at most: the manifest plus its distinct blobs (config and layers); for an index,
 * plus its child manifests and their distinct blobs (children stored in this repository). Platforms come from an
 * index's child descriptors; an image's own platform lives in its config blob, which is not recorded, so it is [].
 * Each tag also says whether an immutability rule protects it (the repository's rules are read once per page).
 */
export async function queryTagSummaries(app: AppContext, page: TagPage): Promise<TagDto[]> {
  const [rows, immutableBy] = await Promise.all([queryRows(app, page), loadImmutabilityMatcher(app.db, page.repositoryId)]);
  return rows.map((r) => {
    const rule = immutableBy(r.name);
    return {
      name: r.name,
      digest: r.digest,
      mediaType: r.media_type,
      size: Number(r.size),
      configDigest: r.config_digest,
      platforms: toPlatforms(r.platforms),
      pushedAt: r.pushed_at.toISOString(),
      pushedBy: r.pushed_by,
      pulls: r.pull_count,
      lastPulledAt: r.last_pulled_at?.toISOString() ?? null,
      immutable: rule !== null,
      immutableRule: rule?.name ?? null,
    };
  });
}

function queryRows(app: AppContext, page: TagPage): Promise<Row[]> {
  return app.db.$queryRaw<Row[]>`
    WITH page AS (
      SELECT t.name, t.pushed_at, t.pushed_by_id, t.manifest_id, t.pull_count, t.last_pulled_at FROM tags t
      WHERE t.repository_id = ${page.repositoryId}::uuid AND ${page.where}
      ORDER BY ${orderBy(page, 't')}
      LIMIT ${page.limit} OFFSET ${page.offset}
    )
    SELECT page.name, page.pushed_at, page.pull_count, page.last_pulled_at, u.username AS pushed_by, m.digest, m.media_type, m.config_digest,
      (m.size
        + (SELECT COALESCE(SUM(b.size), 0) FROM (
            SELECT DISTINCT mb.digest, mb.size FROM manifest_blobs mb WHERE mb.manifest_id = m.id) b)
        + (SELECT COALESCE(SUM(mc.size), 0) FROM manifest_children mc WHERE mc.manifest_id = m.id)
        + (SELECT COALESCE(SUM(b.size), 0) FROM (
            SELECT DISTINCT mb.digest, mb.size FROM manifest_children mc
            JOIN manifests cm ON cm.repository_id = m.repository_id AND cm.digest = mc.child_digest
            JOIN manifest_blobs mb ON mb.manifest_id = cm.id
            WHERE mc.manifest_id = m.id) b)
      )::text AS size,
      (SELECT COALESCE(jsonb_agg(mc.platform ORDER BY mc.position), '[]'::jsonb) FROM manifest_children mc
        WHERE mc.manifest_id = m.id AND mc.platform IS NOT NULL) AS platforms
    FROM page
    JOIN manifests m ON m.id = page.manifest_id
    LEFT JOIN users u ON u.id = page.pushed_by_id
    ORDER BY ${orderBy(page, 'page')}`;
}

function orderBy(page: TagPage, table: 't' | 'page'): Prisma.Sql {
  const t = Prisma.raw(table);
  if (page.sort === 'pushedAt') return Prisma.sql`${t}.pushed_at ${Prisma.raw(page.order === 'asc' ? 'ASC' : 'DESC')}, ${t}.name ASC`;
  return Prisma.sql`${t}.name ${Prisma.raw(page.order === 'desc' ? 'DESC' : 'ASC')}`;
}

/** Platform objects as stored from index descriptors, reduced to what the console shows. */
export function toPlatform(value: unknown): PlatformDto | null {
  if (!value || typeof value !== 'object') return null;
  const p = value as Record<string, unknown>;
  if (typeof p.os !== 'string' || typeof p.architecture !== 'string') return null;
  return { os: p.os, architecture: p.architecture, ...(typeof p.variant === 'string' ? { variant: p.variant } : {}) };
}

function toPlatforms(value: unknown): PlatformDto[] {
  const list = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(list) ? list.map(toPlatform).filter((p): p is PlatformDto => p !== null) : [];
}
