import type { AppContext } from '@/lib/services/context';
import type { PreparedOsvRecord } from './prepare-osv-record';

export interface BatchCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/**
 * Writes one batch of records (distinct ids) in one transaction: new ones are inserted, changed ones (another
 * content hash) replace the stored record and its package rows, unchanged ones are not touched, so `updated_at`
 * says when the data last changed.
 *
 * Concurrent imports: each batch takes a transaction-scoped advisory lock before it reads the stored hashes, so
 * batches of two imports run one after the other and each one's compare-and-write is atomic: counts are exact and
 * the package rows of a record are never written twice at once. A lock per batch rather than one for the whole
 * run: Prisma pools connections, so a session lock would not stay with one connection, and an upload should not
 * wait minutes behind a large CLI import; the two interleave and the last write of a record wins.
 */
export async function storeOsvBatch(app: AppContext, batch: readonly PreparedOsvRecord[]): Promise<BatchCounts> {
  if (batch.length === 0) return { added: 0, updated: 0, unchanged: 0 };
  return app.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('berth:vulndb-import'))`;
      // A batch need not wait for its own WAL flush: the run's final status update commits synchronously, which
      // flushes the WAL of every batch before it, so a run recorded as succeeded has all its records on disk.
      await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
      const ids = batch.map((r) => r.id);
      const stored = await tx.$queryRaw<Array<{ id: string; content_hash: string }>>`
        SELECT id, content_hash FROM vuln_records WHERE id = ANY(${ids}::text[])`;
      const hashes = new Map(stored.map((row) => [row.id, row.content_hash]));
      const added = batch.filter((r) => !hashes.has(r.id));
      const changed = batch.filter((r) => hashes.has(r.id) && hashes.get(r.id) !== r.contentHash);
      const write = [...added, ...changed];
      if (write.length > 0) {
        const now = new Date().toISOString();
        // TIMESTAMP(3) columns hold UTC, as Prisma writes them: the ISO strings cast without their zone.
        await tx.$executeRaw`
          INSERT INTO vuln_records (id, modified, withdrawn, content_hash, data, imported_at, updated_at)
          SELECT u.id, u.modified::timestamp(3), u.withdrawn::timestamp(3), u.content_hash, u.data::jsonb,
                 ${now}::timestamp(3), ${now}::timestamp(3)
          FROM unnest(${write.map((r) => r.id)}::text[], ${write.map((r) => r.modified)}::text[],
                      ${write.map((r) => r.withdrawn)}::text[], ${write.map((r) => r.contentHash)}::text[],
                      ${write.map((r) => r.data)}::text[]) AS u(id, modified, withdrawn, content_hash, data)
          ON CONFLICT (id) DO UPDATE SET modified = EXCLUDED.modified, withdrawn = EXCLUDED.withdrawn,
            content_hash = EXCLUDED.content_hash, data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`;
        if (changed.length > 0) {
          await tx.$executeRaw`DELETE FROM vuln_packages WHERE record_id = ANY(${changed.map((r) => r.id)}::text[])`;
        }
        const rows = write.flatMap((r) => r.packages.map((p) => ({ ...p, recordId: r.id })));
        if (rows.length > 0) {
          await tx.$executeRaw`
            INSERT INTO vuln_packages (ecosystem, name, record_id)
            SELECT * FROM unnest(${rows.map((p) => p.ecosystem)}::text[], ${rows.map((p) => p.name)}::text[],
                                 ${rows.map((p) => p.recordId)}::text[])
            ON CONFLICT DO NOTHING`;
        }
      }
      return { added: added.length, updated: changed.length, unchanged: batch.length - write.length };
    },
    { maxWait: 60_000, timeout: 120_000 },
  );
}
