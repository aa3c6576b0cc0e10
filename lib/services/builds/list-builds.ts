import type { BuildDto, ListBuildsQuery } from '@/lib/schemas/builds';
import type { Actor, AppContext } from '@/lib/services/context';
import { BUILD_SELECT, toBuildDto } from './build-dto';
import { requireBuildRepository } from './require-build-repository';

/** The repository's builds, newest first, a page at a time (`cursor`: the last id of the previous page). */
export async function listBuilds(
  app: AppContext,
  input: { actor: Actor; params: { namespace: string; repository: string }; query: ListBuildsQuery },
): Promise<{ items: BuildDto[]; nextCursor: string | null }> {
  const repo = await requireBuildRepository(app, { actor: input.actor, params: input.params, action: 'cr:RunBuild' });
  const { cursor, limit, rule } = input.query;
  const rows = await app.db.build.findMany({
    where: { repositoryId: repo.id, ...(rule ? { ruleId: rule } : {}) },
    select: BUILD_SELECT,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, limit);
  return { items: page.map((r) => toBuildDto(r)), nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}
