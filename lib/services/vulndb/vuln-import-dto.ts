import type { VulnImport } from '@/lib/db/generated/client';
import type { VulnImportDto } from '@/lib/schemas/vulndb';

export function toVulnImportDto(row: VulnImport): VulnImportDto {
  return {
    id: row.id,
    source: row.source,
    status: row.status as VulnImportDto['status'],
    added: row.added,
    updated: row.updated,
    unchanged: row.unchanged,
    invalid: row.invalid,
    error: row.error,
    importedBy: row.importedBy,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
