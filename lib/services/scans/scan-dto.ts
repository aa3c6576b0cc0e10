import type { PlatformReportDto, ScanDto, ScanSummaryDto, SeverityCountsDto } from '@/lib/schemas/scans';

/** The columns a ScanDto is made of. */
export const SCAN_DTO_SELECT = {
  id: true,
  manifestDigest: true,
  tag: true,
  status: true,
  trigger: true,
  requestedBy: true,
  layersTotal: true,
  layersDone: true,
  critical: true,
  high: true,
  medium: true,
  low: true,
  unknown: true,
  secrets: true,
  report: true,
  error: true,
  dataUpdatedAt: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

export interface ScanRow {
  id: string;
  manifestDigest: string;
  tag: string | null;
  status: string;
  trigger: string;
  requestedBy: string;
  layersTotal: number;
  layersDone: number;
  critical: number | null;
  high: number | null;
  medium: number | null;
  low: number | null;
  unknown: number | null;
  secrets: number | null;
  report: unknown;
  error: string | null;
  dataUpdatedAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** What the `report` column holds once a scan succeeded. */
export interface StoredScanReport {
  platforms: PlatformReportDto[];
}

export function toScanDto(row: ScanRow, repositoryName: string): ScanDto {
  return {
    id: row.id,
    repository: repositoryName,
    tag: row.tag,
    manifestDigest: row.manifestDigest,
    status: row.status as ScanDto['status'],
    trigger: row.trigger as ScanDto['trigger'],
    requestedBy: row.requestedBy,
    progress: { layersDone: row.layersDone, layersTotal: row.layersTotal },
    counts: countsOf(row),
    secrets: row.secrets,
    error: row.error,
    dataUpdatedAt: row.dataUpdatedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    platforms: row.status === 'succeeded' ? platformsOf(row.report) : null,
  };
}

export function toScanSummary(
  row: Pick<ScanRow, 'id' | 'status' | 'layersDone' | 'layersTotal' | 'critical' | 'high' | 'medium' | 'low' | 'unknown' | 'secrets' | 'finishedAt'>,
): ScanSummaryDto {
  return {
    id: row.id,
    status: row.status as ScanSummaryDto['status'],
    progress: { layersDone: row.layersDone, layersTotal: row.layersTotal },
    counts: countsOf(row),
    secrets: row.secrets,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Counts exist once a scan succeeded (all four columns are written together). */
export function countsOf(row: Pick<ScanRow, 'critical' | 'high' | 'medium' | 'low' | 'unknown'>): SeverityCountsDto | null {
  if (row.high === null || row.medium === null || row.low === null || row.unknown === null) return null;
  // Scans finished before Critical existed have no critical count: their CVSS >= 9 findings are in `high`.
  return { critical: row.critical ?? 0, high: row.high, medium: row.medium, low: row.low, unknown: row.unknown };
}

function platformsOf(report: unknown): PlatformReportDto[] {
  if (!report || typeof report !== 'object' || !Array.isArray((report as StoredScanReport).platforms)) return [];
  return (report as StoredScanReport).platforms;
}
