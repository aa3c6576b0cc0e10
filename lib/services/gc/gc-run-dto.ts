import type { GcRun } from '@/lib/db/generated/client';
import type { GcRunDto } from '@/lib/schemas/gc';

export function toGcRunDto(row: GcRun): GcRunDto {
  return {
    id: row.id,
    status: row.status as GcRunDto['status'],
    trigger: row.trigger as GcRunDto['trigger'],
    requestedBy: row.requestedBy,
    dryRun: row.dryRun,
    deleteUntagged: row.deleteUntagged,
    gracePeriodSeconds: row.gracePeriodSeconds,
    manifestsDeleted: row.manifestsDeleted,
    blobsDeleted: row.blobsDeleted,
    bytesFreed: Number(row.bytesFreed),
    errors: Array.isArray(row.errors) ? row.errors.map(String) : [],
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.startedAt && row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
  };
}
