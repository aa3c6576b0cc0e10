import { Prisma } from '@/lib/db/generated/client';
import type { ListTagsQuery, TagListDto } from '@/lib/schemas/repositories';
import type { Actor, AppContext } from '@/lib/services/context';
import { escapeLike } from '@/lib/services/repositories/escape-like';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { queryTagSummaries } from './query-tag-summaries';

/** A page of a repository's tags with digest, size, platforms and pusher; filtered, sorted and counted in SQL. */
export async function listTags(app: AppContext, input: { actor: Actor; name: string; query: ListTagsQuery }): Promise<TagListDto> {
  const { query } = input;
  const { repository } = await requireRepositoryAction(app, { actor: input.actor, name: input.name, action: 'cr:ListTag' });
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
  return { items, total: counted[0]?.total ?? 0, page: query.page, pageSize: query.pageSize };
}
