import { queryPrepared } from '@/lib/db/client';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { permits } from '@/lib/services/access/authorize';
import type { RepositoryRow } from '@/lib/services/repositories/repository-row';

type Row = { id: string; name: string; namespace_id: string; visibility: RepositoryRow['visibility']; size: string };

// Enough candidates for any real installation; past this many, a mount simply falls back to an upload.
const MAX_CANDIDATES = 200;

/**
 * A repository the actor may pull from that holds the blob, with the blob's size; null when there is none. This
 * is the OCI spec's mount without `from` ("automatic content discovery"). The query is narrowed to what the actor
 * could read (public repositories, its namespaces and repositories, the names its bearer token grants pull on);
 * only admins and users with policies (which may grant anywhere) read every holder. Each candidate is then
 * decided exactly as a pull would be, so deny statements and token limits still apply.
 */
export async function findReadableBlobSource(
  app: AppContext,
  input: { actor: Actor; digest: string },
): Promise<{ repositoryId: string; size: number } | null> {
  const { actor } = input;
  const profile = await loadAccessProfile(app, actor);
  if (!profile.active) return null;
  let tokenNames: string[] | null = null;
  if (actor.registryAccess) {
    tokenNames = [...actor.registryAccess.repositories].filter(([, actions]) => actions.has('pull')).map(([name]) => name);
    if (tokenNames.length === 0) return null;
  }
  const everywhere = profile.isAdmin || profile.policies.length > 0;
  const namespaceIds = [...new Set([...profile.ownedNamespaceIds, ...profile.namespaceLevels.keys()])];
  const rows = await queryPrepared<Row>(
    app.db,
    'berth-find-readable-blob-source',
    `SELECT r.id::text AS id, r.name, r.namespace_id::text AS namespace_id, r.visibility::text AS visibility, b.size::text AS size
       FROM repository_blobs rb
       JOIN repositories r ON r.id = rb.repository_id
       JOIN blobs b ON b.digest = rb.digest
      WHERE rb.digest = $1
        AND ($2::text[] IS NULL OR r.name = ANY($2::text[]))
        AND ($3 OR r.visibility = 'PUBLIC' OR r.namespace_id = ANY($4::uuid[]) OR r.id = ANY($5::uuid[]))
      LIMIT ${MAX_CANDIDATES}`,
    [input.digest, tokenNames, everywhere, namespaceIds, [...profile.repositoryLevels.keys()]],
  );
  for (const r of rows) {
    const repository = { id: r.id, name: r.name, namespaceId: r.namespace_id, visibility: r.visibility };
    if (permits(app, actor, profile, 'cr:PullRepository', { kind: 'repository', repository })) {
      return { repositoryId: r.id, size: Number(r.size) };
    }
  }
  return null;
}
