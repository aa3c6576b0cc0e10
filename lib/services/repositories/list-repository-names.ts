import { RegistryError } from '@/lib/errors/registry-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { permits } from '@/lib/services/access/authorize';

const BATCH = 500;

/**
 * A page of the catalog in lexical order: repositories the actor may read, after `last`, at most `n`. Hidden
 * repositories are skipped as if absent. Candidates are read in name order and filtered by the same decision the
 * protocol makes, so a policy (including a Deny) shapes the catalog exactly as it shapes pulls.
 */
export async function listRepositoryNames(
  app: AppContext,
  input: { actor: Actor; n?: number; last?: string },
): Promise<{ repositories: string[]; more: boolean }> {
  const { actor } = input;
  if (actor.registryAccess && !actor.registryAccess.catalog) throw new RegistryError(actor.kind === 'anonymous' ? 'UNAUTHORIZED' : 'DENIED', undefined, undefined, 401).withScope('registry:catalog:*');
  if (actor.kind === 'anonymous' && !actor.registryAccess) throw new RegistryError('UNAUTHORIZED');
  const profile = await loadAccessProfile(app, actor);
  const limit = input.n ?? 10_000;
  const names: string[] = [];
  let cursor = input.last ?? null;
  for (;;) {
    const rows = await app.db.$queryRaw<Array<{ id: string; name: string; namespace_id: string; visibility: 'PUBLIC' | 'PRIVATE' }>>`
      SELECT id::text, name, namespace_id::text, visibility::text AS visibility FROM repositories
      WHERE (${cursor}::text IS NULL OR name COLLATE "C" > ${cursor ?? ''} COLLATE "C")
      ORDER BY name COLLATE "C" LIMIT ${BATCH}`;
    for (const r of rows) {
      const repository = { id: r.id, name: r.name, namespaceId: r.namespace_id, visibility: r.visibility };
      if (!permits(app, actor, profile, 'cr:PullRepository', { kind: 'repository', repository })) continue;
      if (names.length === limit) return { repositories: names, more: true };
      names.push(r.name);
    }
    if (rows.length < BATCH) return { repositories: names, more: false };
    cursor = rows[rows.length - 1]!.name;
  }
}
