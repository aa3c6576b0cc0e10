import type { Action } from '@/lib/access/actions';
import { actionMatches, parseResource, repositoryResource, resourceMatches } from '@/lib/access/resource';
import { Prisma } from '@/lib/db/generated/client';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from '@/lib/services/access/access-profile';
import { permits } from '@/lib/services/access/authorize';
import { resourceContext } from '@/lib/services/access/decide';

/** The action that makes a repository visible in the console and the REST API. */
export const READ_REPOSITORY: Action = 'cr:GetRepository';

const BATCH = 1000;

type Candidate = { id: string; name: string; namespace_id: string; visibility: 'PUBLIC' | 'PRIVATE' };

/**
 * A SQL condition over `repositories r JOIN namespaces n` that holds exactly for the repositories the actor may
 * read, among those `filter` selects. Grants are translated into SQL: an admin sees every row, anyone else public
 * repositories, owned and granted namespaces and granted repositories. Policies cannot be translated (their
 * resources are globs), so when a policy could allow or deny reading a repository the candidates are read in
 * batches, each is decided by `allowed` (the decision the registry makes), and the condition becomes their ids.
 */
export async function readableRepositoryWhere(
  app: AppContext,
  input: { actor: Actor; profile: AccessProfile; filter?: Prisma.Sql },
): Promise<Prisma.Sql> {
  const { actor, profile } = input;
  if (!profile.active) return Prisma.sql`FALSE`;
  const filter = input.filter ?? Prisma.sql`TRUE`;
  const tokenNamespaces = actor.kind === 'user' && actor.tokenLimits?.namespaces.length ? actor.tokenLimits.namespaces : null;
  const tokenWhere = tokenNamespaces ? Prisma.sql`n.name = ANY(${[...tokenNamespaces]}::text[])` : Prisma.sql`TRUE`;
  const reach = policyReach(profile, READ_REPOSITORY, repositoryResource(resourceContext(app), ''));
  // Admins, and users a policy lets read every repository (ReadOnlyAccess), need no per-row check unless a Deny exists.
  const grantsWhere = profile.isAdmin || reach.allowsAll ? Prisma.sql`TRUE` : grantsCondition(profile);
  if (!reach.denies && (!reach.allows || profile.isAdmin || reach.allowsAll)) return Prisma.sql`(${grantsWhere} AND ${tokenWhere})`;

  // An Allow can reach any repository, so every candidate is decided; with only Denies, grants still bound them.
  const prefilter = reach.allows ? tokenWhere : Prisma.sql`(${grantsWhere} AND ${tokenWhere})`;
  const ids: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const rows: Candidate[] = await app.db.$queryRaw<Candidate[]>`
      SELECT r.id::text AS id, r.name, r.namespace_id::text AS namespace_id, r.visibility::text AS visibility
      FROM repositories r JOIN namespaces n ON n.id = r.namespace_id
      WHERE ${prefilter} AND ${filter} AND (${cursor}::text IS NULL OR r.name > ${cursor ?? ''})
      ORDER BY r.name LIMIT ${BATCH}`;
    for (const r of rows) {
      const repository = { id: r.id, name: r.name, namespaceId: r.namespace_id, visibility: r.visibility };
      if (permits(app, actor, profile, READ_REPOSITORY, { kind: 'repository', repository })) ids.push(r.id);
    }
    if (rows.length < BATCH) break;
    cursor = rows[rows.length - 1]!.name;
  }
  return ids.length ? Prisma.sql`r.id = ANY(${ids}::uuid[])` : Prisma.sql`FALSE`;
}

function grantsCondition(profile: AccessProfile): Prisma.Sql {
  const namespaceIds = [...new Set([...profile.ownedNamespaceIds, ...profile.namespaceLevels.keys()])];
  const repositoryIds = [...profile.repositoryLevels.keys()];
  const parts = [Prisma.sql`r.visibility = 'PUBLIC'`];
  // Every level (read, write, admin) of a namespace or repository grant includes reading its repositories.
  if (namespaceIds.length) parts.push(Prisma.sql`r.namespace_id = ANY(${namespaceIds}::uuid[])`);
  if (repositoryIds.length) parts.push(Prisma.sql`r.id = ANY(${repositoryIds}::uuid[])`);
  return Prisma.sql`(${Prisma.join(parts, ' OR ')})`;
}

const asList = (v: string | readonly string[]): readonly string[] => (typeof v === 'string' ? [v] : v);

/** A resource pattern that could name some repository: a glob, or a repository resource. */
function mayMatchRepository(pattern: string): boolean {
  return pattern.includes('*') || parseResource(pattern)?.kind === 'repository';
}

/**
 * A glob that ends in `*` and matches the bare repository prefix (`acs:cr:<region>:<account>:repository/`) matches
 * that prefix followed by anything, so it covers every repository.
 */
function coversEveryRepository(pattern: string, repositoryPrefix: string): boolean {
  return pattern.endsWith('*') && resourceMatches(pattern, repositoryPrefix);
}

/** Whether any attached policy statement could allow or deny `action` on some (or every) repository. */
function policyReach(profile: AccessProfile, action: Action, repositoryPrefix: string): { allows: boolean; allowsAll: boolean; denies: boolean } {
  let allows = false;
  let allowsAll = false;
  let denies = false;
  for (const { document } of profile.policies) {
    for (const statement of document.Statement) {
      if (!asList(statement.Action).some((p) => actionMatches(p, action))) continue;
      const resources = asList(statement.Resource);
      if (!resources.some(mayMatchRepository)) continue;
      if (statement.Effect === 'Deny') denies = true;
      else {
        allows = true;
        if (resources.some((p) => coversEveryRepository(p, repositoryPrefix))) allowsAll = true;
      }
    }
  }
  return { allows, allowsAll, denies };
}
