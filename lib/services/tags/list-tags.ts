import { Prisma } from '@/lib/db/generated/client';
import type { ListTagsQuery, TagListDto } from '@/lib/schemas/repositories';
import type { Actor, AppContext } from '@/lib/services/context';
import { allowed } from '@/lib/services/access/decide';
import { escapeLike } from '@/lib/services/repositories/escape-like';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { loadScanSummaries } from '@/lib/services/scans/scan-summaries';
import { queryTagSummaries } from './query-tag-summaries';

/**
 * A page of a repository's tags with digest, size, platforms and pusher; filtered, sorted and counted in SQL. For a
 * caller who may read scan reports, each tag also carries its image's newest scan (`scan`, null when never scanned).
 */
export async function listTags(app: AppContext, input: { actor: Actor; name: string; query: ListTagsQuery }): Promise<TagListDto> {
  const { query } = input;
  const { repository, profile } = await requireRepositoryAction(app, { actor: input.actor, name: input.name, action: 'cr:ListTag' });
  const q = query.q?.trim();
  const where = q ? Prisma.sql`t.name ILIKE ${`%${escapeLike(q)}%`}` : Prisma.sql`TRUE`;
  const [items, counted] = await Promise.all([
    queryTagSummaries(app, {
      repositoryId: repository.id,
      where,
      sort: query.sort,
      order: query.order,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    app.db.$queryRaw<Array<{ total: number }>>`
      SELECT COUNT(*)::int AS total FROM tags t WHERE t.repository_id = ${repository.id}::uuid AND ${where}`,
  ]);
  if (!allowed(app, input.actor, profile, 'cr:GetScanReport', { kind: 'repository', repository })) {
    return { items, total: counted[0]?.total ?? 0, page: query.page, pageSize: query.pageSize };
  }
  const scans = await loadScanSummaries(app, { repositoryId: repository.id, digests: items.map((t) => t.digest) });
  return {
    items: items.map((t) => ({ ...t, scan: scans.get(t.digest) ?? null })),
    total: counted[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
