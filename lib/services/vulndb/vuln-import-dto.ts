import type { VulnImport } from '@/lib/db/generated/client';
import type { VulnImportDto } from '@/lib/schemas/vulndb';

/**
 * A running import writes its heartbeat every few seconds (import-osv.ts); one silent for this long was cut off
 * with its process (killed, crashed, the machine restarted) and will never finish.
 */
export const STALE_IMPORT_MS = 60_000;

export const INTERRUPTED_MESSAGE =
  'interrupted: the process running the import stopped before it finished. What it stored is kept; import the file again to finish (unchanged records are skipped)';

export function toVulnImportDto(row: VulnImport, now = Date.now()): VulnImportDto {
  const interrupted = row.status === 'running' && row.heartbeatAt.getTime() < now - STALE_IMPORT_MS;
  return {
    id: row.id,
    source: row.source,
    status: interrupted ? 'failed' : (row.status as VulnImportDto['status']),
    added: row.added,
    updated: row.updated,
    unchanged: row.unchanged,
    invalid: row.invalid,
    error: interrupted ? INTERRUPTED_MESSAGE : row.error,
    importedBy: row.importedBy,
    startedAt: row.startedAt.toISOString(),
    finishedAt: interrupted ? row.heartbeatAt.toISOString() : (row.finishedAt?.toISOString() ?? null),
  };
}
