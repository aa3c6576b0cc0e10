import { queryPrepared, type Db } from '@/lib/db/client';

export interface NamespaceQuota {
  id: string;
  name: string;
  quotaBytes: number;
}

/**
 * The quota of the namespace a repository belongs to, or null when it has none (the usual case: one query). Asked
 * at every upload's start and commit, so it is a prepared statement off Prisma's query engine.
 */
export async function namespaceQuotaOf(db: Db, repositoryId: string): Promise<NamespaceQuota | null> {
  const [ns] = await queryPrepared<{ id: string; name: string; quota_bytes: string | null }>(
    db,
    'berth-namespace-quota-of',
    'SELECT n.id::text AS id, n.name, n.quota_bytes::text AS quota_bytes FROM namespaces n JOIN repositories r ON r.namespace_id = n.id WHERE r.id = $1::uuid',
    [repositoryId],
  );
  return ns && ns.quota_bytes !== null ? { id: ns.id, name: ns.name, quotaBytes: Number(ns.quota_bytes) } : null;
}
