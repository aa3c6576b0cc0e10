import { Prisma } from '@/lib/db/generated/client';
import type { AppContext } from '@/lib/services/context';
import type { AccessProfile } from '@/lib/services/access/access-profile';

/**
 * How many namespaces and repositories the caller reaches: repositories by the readable condition, namespaces as
 * those holding a readable repository plus those the caller owns or holds a grant on (an administrator: all). Two
 * aggregate queries, whatever the installation's size.
 */
export async function loadReach(
  app: AppContext,
  input: { profile: AccessProfile; readable: Prisma.Sql },
): Promise<{ namespaceCount: number; repositoryCount: number }> {
  const { profile, readable } = input;
  const granted = [...new Set([...profile.ownedNamespaceIds, ...profile.namespaceLevels.keys()])];
  const [repos] = await app.db.$queryRaw<Array<{ repositories: number; namespaces: number }>>`
    WITH visible AS (SELECT r.namespace_id FROM repositories r JOIN namespaces n ON n.id = r.namespace_id WHERE ${readable})
    SELECT (SELECT COUNT(*)::int FROM visible) AS repositories,
      ${
        profile.isAdmin
          ? Prisma.sql`(SELECT COUNT(*)::int FROM namespaces)`
          : Prisma.sql`(SELECT COUNT(*)::int FROM (
              SELECT DISTINCT namespace_id FROM visible UNION SELECT unnest(${granted}::uuid[])) ns)`
      } AS namespaces`;
  return { namespaceCount: repos?.namespaces ?? 0, repositoryCount: repos?.repositories ?? 0 };
}
