import type { Prisma } from '@/lib/db/generated/client';
import type { AppContext } from '@/lib/services/context';
import type { NamespaceStats } from './namespace-dto';

/**
 * Per namespace, over the repositories `where` selects (a condition on `repositories r JOIN namespaces n`): how
 * many there are and the bytes of the distinct blobs linked to them (a layer shared by two repositories of a
 * namespace is stored once, so it counts once). One aggregate query for any number of namespaces.
 */
export async function loadNamespaceStats(app: AppContext, where: Prisma.Sql): Promise<Map<string, NamespaceStats>> {
  const rows = await app.db.$queryRaw<Array<{ namespace_id: string; repository_count: number; bytes: string }>>`
    WITH visible AS (
      SELECT r.id, r.namespace_id FROM repositories r JOIN namespaces n ON n.id = r.namespace_id WHERE ${where}
    ), counts AS (
      SELECT namespace_id, COUNT(*)::int AS repository_count FROM visible GROUP BY namespace_id
    ), storage AS (
      SELECT l.namespace_id, SUM(b.size) AS bytes
      FROM (SELECT DISTINCT v.namespace_id, rb.digest FROM visible v JOIN repository_blobs rb ON rb.repository_id = v.id) l
      JOIN blobs b ON b.digest = l.digest
      GROUP BY l.namespace_id
    )
    SELECT c.namespace_id::text AS namespace_id, c.repository_count, COALESCE(s.bytes, 0)::text AS bytes
    FROM counts c LEFT JOIN storage s ON s.namespace_id = c.namespace_id`;
  return new Map(rows.map((r) => [r.namespace_id, { repositoryCount: r.repository_count, storageBytes: Number(r.bytes) }]));
}
