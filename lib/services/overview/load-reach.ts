import { Prisma } from '@/lib/db/generated/client';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from '@/lib/services/access/access-profile';

/**
 * How many namespaces and repositories the caller reaches: repositories by the readable condition; namespaces as
 * those holding a readable repository plus those the caller owns or holds a grant on (an administrator: all), within
 * a namespace-limited token's namespaces. Aggregates in SQL, whatever the installation's size.
 */
export async function loadReach(
  app: AppContext,
  input: { actor: Actor; profile: AccessProfile; readable: Prisma.Sql },
): Promise<{ namespaceCount: number; repositoryCount: number }> {
  const { actor, profile, readable } = input;
  const tokenNamespaces = actor.kind === 'user' && actor.tokenLimits?.namespaces.length ? [...actor.tokenLimits.namespaces] : null;
  const withinToken = tokenNamespaces ? Prisma.sql`n.name = ANY(${tokenNamespaces}::text[])` : Prisma.sql`TRUE`;
  const granted = [...new Set([...profile.ownedNamespaceIds, ...profile.namespaceLevels.keys()])];
  const held = !profile.active ? Prisma.sql`FALSE` : profile.isAdmin ? withinToken : Prisma.sql`(n.id = ANY(${granted}::uuid[]) AND ${withinToken})`;
  const [row] = await app.db.$queryRaw<Array<{ repositories: number; namespaces: number }>>`
    WITH visible AS (SELECT r.namespace_id FROM repositories r JOIN namespaces n ON n.id = r.namespace_id WHERE ${readable})
    SELECT (SELECT COUNT(*)::int FROM visible) AS repositories,
      (SELECT COUNT(*)::int FROM namespaces n WHERE n.id IN (SELECT namespace_id FROM visible) OR ${held}) AS namespaces`;
  return { namespaceCount: row?.namespaces ?? 0, repositoryCount: row?.repositories ?? 0 };
}
