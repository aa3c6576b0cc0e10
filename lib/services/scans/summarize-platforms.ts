import type { PlatformReportDto, SeverityCountsDto } from '@/lib/schemas/scans';

/**
 * The counts a scan reports over every platform. A finding shared by several platforms (the same advisory for the
 * same package version, the same secret in the same layer) counts once: a two-platform image built from one
 * Dockerfile has the same problems twice, and the badge should not say it has twice as many.
 */
export function summarizePlatforms(platforms: readonly PlatformReportDto[]): { counts: SeverityCountsDto; secrets: number } {
  const counts: SeverityCountsDto = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  const seen = new Set<string>();
  for (const p of platforms) {
    for (const v of p.vulnerabilities) {
      const key = [v.id, v.ecosystem, v.packageName, v.installedVersion].join('\u0000');
      if (seen.has(key)) continue;
      seen.add(key);
      counts[LEVEL[v.severity]] += 1;
    }
  }
  const secrets = new Set(platforms.flatMap((p) => p.secrets.map((s) => [s.rule, s.path, p.layers[s.layerIndex] ?? s.layerIndex, s.line ?? ''].join('\u0000'))));
  return { counts, secrets: secrets.size };
}

const LEVEL = { Critical: 'critical', High: 'high', Medium: 'medium', Low: 'low', Unknown: 'unknown' } as const;
