import type { ScanSummaryDto } from '@/lib/schemas/scans';
import type { AppContext } from '@/lib/services/context';
import { toScanSummary } from './scan-dto';

type Row = {
  manifest_digest: string;
  id: string;
  status: string;
  layers_done: number;
  layers_total: number;
  high: number | null;
  medium: number | null;
  low: number | null;
  unknown: number | null;
  critical: number | null;
  secrets: number | null;
  finished_at: Date | null;
};

/**
 * The newest scan of each digest, for a page of tags, in one query: DISTINCT ON walks the (repository, digest,
 * created_at) index backwards once per digest. Digests never scanned are absent from the map.
 */
export async function loadScanSummaries(app: AppContext, input: { repositoryId: string; digests: readonly string[] }): Promise<Map<string, ScanSummaryDto>> {
  const digests = [...new Set(input.digests)];
  if (digests.length === 0) return new Map();
  const rows = await app.db.$queryRaw<Row[]>`
    SELECT DISTINCT ON (s.manifest_digest) s.manifest_digest, s.id::text AS id, s.status, s.layers_done, s.layers_total, s.critical, s.high, s.medium, s.low, s.unknown, s.secrets, s.finished_at
    FROM scans s
    WHERE s.repository_id = ${input.repositoryId}::uuid AND s.manifest_digest = ANY(${digests}::text[])
    ORDER BY s.manifest_digest, s.created_at DESC`;
  return new Map(rows.map((r) => [r.manifest_digest, toScanSummary({ ...r, layersDone: r.layers_done, layersTotal: r.layers_total, finishedAt: r.finished_at })]));
}
