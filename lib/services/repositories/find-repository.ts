import { queryPrepared } from '@/lib/db/client';
import type { AppContext } from '@/lib/services/context';
import type { RepositoryRow } from './repository-row';

type Row = { id: string; name: string; namespace_id: string; visibility: RepositoryRow['visibility'] };

// Every registry request that names a repository starts here: a prepared statement on the pool, without the ORM's
// per-query work, which under load costs the event loop more than the query itself.
export async function findRepository(app: AppContext, name: string): Promise<RepositoryRow | null> {
  const rows = await queryPrepared<Row>(
    app.db,
    'berth-find-repository',
    'SELECT id::text AS id, name, namespace_id::text AS namespace_id, visibility::text AS visibility FROM repositories WHERE name = $1',
    [name],
  );
  const r = rows[0];
  return r ? { id: r.id, name: r.name, namespaceId: r.namespace_id, visibility: r.visibility } : null;
}
