import { Prisma } from '@/lib/db/generated/client';
import { AppError } from '@/lib/errors/app-error';
import type { SearchQuery, SearchResultDto } from '@/lib/schemas/search';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { allowed } from '@/lib/services/access/decide';
import { escapeLike } from '@/lib/services/repositories/escape-like';
import { readableRepositoryWhere } from '@/lib/services/repositories/readable-repository-where';
import { fromDbVisibility } from '@/lib/services/repositories/visibility';

type RepoRow = { name: string; visibility: string; last_pushed_at: Date | null };
type TagRow = { id: string; repository: string; namespace_id: string; visibility: 'PUBLIC' | 'PRIVATE'; tag: string; pushed_at: Date };

/**
 * Repositories and tags whose names contain the query, among repositories the caller may read (the repository
 * list's condition, so hidden means absent). `app:1.2` looks for tags containing `1.2` in repositories containing
 * `app`. Exact and prefix matches come first, then shorter names; each kind is cut at `limit`.
 */
export async function searchRegistry(app: AppContext, input: { actor: Actor; query: SearchQuery }): Promise<SearchResultDto> {
  const { actor, query } = input;
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHORIZED', 'sign in or send an access token');
  const profile = await loadAccessProfile(app, actor);
  const readable = await readableRepositoryWhere(app, { actor, profile });
  const colon = query.q.lastIndexOf(':');
  const repoPart = colon > 0 ? query.q.slice(0, colon) : query.q;
  const tagPart = colon > 0 ? query.q.slice(colon + 1) : query.q;
  const repoLike = `%${escapeLike(repoPart)}%`;
  const tagLike = `%${escapeLike(tagPart)}%`;

  const [repos, tags] = await Promise.all([
    colon > 0
      ? Promise.resolve([] as RepoRow[])
      : app.db.$queryRaw<RepoRow[]>`
          SELECT r.name, r.visibility::text AS visibility, r.last_pushed_at
          FROM repositories r JOIN namespaces n ON n.id = r.namespace_id
          WHERE r.name ILIKE ${repoLike} AND ${readable}
          ORDER BY ${rank(Prisma.sql`r.name`, repoPart)}, length(r.name), r.name
          LIMIT ${query.limit}`,
    tagPart
      ? app.db.$queryRaw<TagRow[]>`
          SELECT r.id::text AS id, r.name AS repository, r.namespace_id::text AS namespace_id, r.visibility::text AS visibility,
            t.name AS tag, t.pushed_at
          FROM tags t JOIN repositories r ON r.id = t.repository_id JOIN namespaces n ON n.id = r.namespace_id
          WHERE t.name ILIKE ${tagLike} AND ${colon > 0 ? Prisma.sql`r.name ILIKE ${repoLike}` : Prisma.sql`TRUE`} AND ${readable}
          ORDER BY ${rank(Prisma.sql`t.name`, tagPart)}, t.pushed_at DESC, r.name, t.name
          LIMIT ${query.limit * 2}`
      : Promise.resolve([] as TagRow[]),
  ]);
  return {
    repositories: repos.map((r) => ({ name: r.name, visibility: fromDbVisibility(r.visibility), lastPushedAt: r.last_pushed_at?.toISOString() ?? null })),
    // Reading a repository almost always includes listing its tags; a policy can still tell them apart.
    tags: tags
      .filter((t) =>
        allowed(app, actor, profile, 'cr:ListTag', { kind: 'repository', repository: { id: t.id, name: t.repository, namespaceId: t.namespace_id, visibility: t.visibility } }),
      )
      .slice(0, query.limit)
      .map((t) => ({ repository: t.repository, tag: t.tag, pushedAt: t.pushed_at.toISOString() })),
  };
}

/** 0 for an exact match, 1 for a prefix (of the name or of its last path component), 2 otherwise. */
function rank(column: Prisma.Sql, term: string): Prisma.Sql {
  const prefix = `${escapeLike(term)}%`;
  return Prisma.sql`CASE WHEN lower(${column}) = lower(${term}) THEN 0
    WHEN ${column} ILIKE ${prefix} OR ${column} ILIKE ${`%/${escapeLike(term)}%`} THEN 1 ELSE 2 END`;
}
