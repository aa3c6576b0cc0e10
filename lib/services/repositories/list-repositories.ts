import { Prisma } from '@/lib/db/generated/client';
import type { ListRepositoriesQuery, RepositoryListDto } from '@/lib/schemas/repositories';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { escapeLike } from './escape-like';
import { readableRepositoryWhere } from './readable-repository-where';
import { toDbVisibility, fromDbVisibility } from './visibility';

type Row = {
  id: string;
  name: string;
  namespace: string;
  visibility: string;
  summary: string;
  last_pushed_at: Date | null;
  created_at: Date;
  tag_count: number;
};

/**
 * A page of the repositories the actor may read (hidden means absent), filtered, sorted and counted in SQL. The
 * access condition comes from readableRepositoryWhere, so an admin's listing has no per-row check at all and a
 * user's is a condition on grants; only policies that reach repositories make it decide candidates one by one.
 */
export async function listRepositories(app: AppContext, input: { actor: Actor; query: ListRepositoriesQuery }): Promise<RepositoryListDto> {
  const { actor, query } = input;
  const profile = await loadAccessProfile(app, actor);
  const filter = filterCondition(query);
  const readable = await readableRepositoryWhere(app, { actor, profile, filter });
  const where = Prisma.sql`${filter} AND ${readable}`;
  const offset = (query.page - 1) * query.pageSize;
  const [rows, counted] = await Promise.all([
    // The page is cut first, so the tag counts are computed for its rows only.
    app.db.$queryRaw<Row[]>`
      WITH page AS (
        SELECT r.id, r.name, n.name AS namespace, r.visibility, r.summary, r.last_pushed_at, r.created_at
        FROM repositories r JOIN namespaces n ON n.id = r.namespace_id
        WHERE ${where}
        ORDER BY ${orderBy(query, 'r')}
        LIMIT ${query.pageSize} OFFSET ${offset}
      )
      SELECT page.id::text AS id, page.name, page.namespace, page.visibility::text AS visibility, page.summary,
        page.last_pushed_at, page.created_at,
        (SELECT COUNT(*)::int FROM tags t WHERE t.repository_id = page.id) AS tag_count
      FROM page ORDER BY ${orderBy(query, 'page')}`,
    app.db.$queryRaw<Array<{ total: number }>>`
      SELECT COUNT(*)::int AS total FROM repositories r JOIN namespaces n ON n.id = r.namespace_id WHERE ${where}`,
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      namespace: r.namespace,
      visibility: fromDbVisibility(r.visibility),
      summary: r.summary,
      tagCount: r.tag_count,
      lastPushedAt: r.last_pushed_at?.toISOString() ?? null,
      createdAt: r.created_at.toISOString(),
    })),
    total: counted[0]?.total ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

function filterCondition(query: ListRepositoriesQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  const q = query.q?.trim();
  if (q) parts.push(Prisma.sql`r.name ILIKE ${`%${escapeLike(q)}%`}`);
  if (query.namespace) parts.push(Prisma.sql`n.name = ${query.namespace}`);
  if (query.visibility) parts.push(Prisma.sql`r.visibility::text = ${toDbVisibility(query.visibility)}`);
  return Prisma.sql`(${Prisma.join(parts, ' AND ')})`;
}

/** Name order uses the unique index on name; never-pushed repositories come last whichever way lastPush runs. */
function orderBy(query: ListRepositoriesQuery, table: 'r' | 'page'): Prisma.Sql {
  const t = Prisma.raw(table);
  if (query.sort === 'lastPush') {
    const dir = Prisma.raw(query.order === 'asc' ? 'ASC' : 'DESC');
    return Prisma.sql`${t}.last_pushed_at ${dir} NULLS LAST, ${t}.name ASC`;
  }
  return Prisma.sql`${t}.name ${Prisma.raw(query.order === 'desc' ? 'DESC' : 'ASC')}`;
}
