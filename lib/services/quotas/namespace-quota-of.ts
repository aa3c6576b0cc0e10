import type { Db } from '@/lib/db/client';

export interface NamespaceQuota {
  id: string;
  name: string;
  quotaBytes: number;
}

/** The quota of the namespace a repository belongs to, or null when it has none (the usual case: one query). */
export async function namespaceQuotaOf(db: Pick<Db, '$queryRaw'>, repositoryId: string): Promise<NamespaceQuota | null> {
  const [ns] = await db.$queryRaw<Array<{ id: string; name: string; quota_bytes: bigint | null }>>`
    SELECT n.id::text AS id, n.name, n.quota_bytes FROM namespaces n JOIN repositories r ON r.namespace_id = n.id WHERE r.id = ${repositoryId}::uuid`;
  return ns && ns.quota_bytes !== null ? { id: ns.id, name: ns.name, quotaBytes: Number(ns.quota_bytes) } : null;
}
