import { Prisma } from '@/lib/db/generated/client';
import type { ListTagsQuery, TagDto, TagListDto } from '@/lib/schemas/repositories';
import type { Actor, AppContext } from '@/lib/services/context';
import { permits } from '@/lib/services/access/authorize';
import { escapeLike } from '@/lib/services/repositories/escape-like';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { loadScanSummaries } from '@/lib/services/scans/scan-summaries';
import { addImagePlatforms } from './add-image-platforms';
import { compareTagNames } from './compare-tag-names';
import { queryTagSummaries } from './query-tag-summaries';

/**
 * A page of a repository's tags with digest, size, platforms and pusher; filtered and counted in SQL. Sorted by push
 * time in SQL; by name in version order (`0.9.0` before `0.32.0`), which SQL cannot do, so the matching names alone
 * are sorted here and the page's rows are then loaded by name. For a caller who may read scan reports, each tag also
 * carries its image's newest scan (`scan`, null when never scanned).
 */
export async function listTags(app: AppContext, input: { actor: Actor; name: string; query: ListTagsQuery }): Promise<TagListDto> {
  const { query } = input;
  const { repository, profile } = await requireRepositoryAction(app, { actor: input.actor, name: input.name, action: 'cr:ListTag' });
  const q = query.q?.trim();
  const where = q ? Prisma.sql`t.name ILIKE ${`%${escapeLike(q)}%`}` : Prisma.sql`TRUE`;
  const offset = (query.page - 1) * query.pageSize;
  let items: TagDto[];
  let total: number;
  if (query.sort === 'name') {
    const names = (await app.db.$queryRaw<Array<{ name: string }>>`
      SELECT t.name FROM tags t WHERE t.repository_id = ${repository.id}::uuid AND ${where}`).map((r) => r.name);
    names.sort(compareTagNames);
    if (query.order === 'desc') names.reverse();
    const pageNames = names.slice(offset, offset + query.pageSize);
    const rows = pageNames.length
      ? await queryTagSummaries(app, { repositoryId: repository.id, where: Prisma.sql`t.name = ANY(${pageNames}::text[])`, sort: 'name', limit: pageNames.length, offset: 0 })
      : [];
    const byName = new Map(rows.map((r) => [r.name, r]));
    items = pageNames.flatMap((n) => byName.get(n) ?? []);
    total = names.length;
  } else {
    const [rows, counted] = await Promise.all([
      queryTagSummaries(app, { repositoryId: repository.id, where, sort: query.sort, order: query.order, limit: query.pageSize, offset }),
      app.db.$queryRaw<Array<{ total: number }>>`
        SELECT COUNT(*)::int AS total FROM tags t WHERE t.repository_id = ${repository.id}::uuid AND ${where}`,
    ]);
    items = rows;
    total = counted[0]?.total ?? 0;
  }
  items = await addImagePlatforms(app, items);
  const page = { total, page: query.page, pageSize: query.pageSize };
  if (!permits(app, input.actor, profile, 'cr:GetScanReport', { kind: 'repository', repository })) return { items, ...page };
  const scans = await loadScanSummaries(app, { repositoryId: repository.id, digests: items.map((t) => t.digest) });
  return { items: items.map((t) => ({ ...t, scan: scans.get(t.digest) ?? null })), ...page };
}
