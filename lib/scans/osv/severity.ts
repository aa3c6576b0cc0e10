import type { SeverityLevel } from '../scan-report';
import { cvss2BaseScore, cvss3BaseScore } from './cvss';
import { cvss4Score } from './cvss4';
import type { OsvAffected, OsvRecord, OsvSeverity } from './osv-schema';

export interface SeverityAssessment {
  level: SeverityLevel;
  score?: number;
}

/**
 * Thresholds on the CVSS base score, as NVD, Trivy and Harbor rate: >= 9.0 Critical, >= 7.0 High, >= 4.0 Medium,
 * > 0 Low. A score of exactly 0 says "no impact", which the report shows as Unknown rather than pretending to rate it.
 * Critical sits above High in every ordering (severityRank), so "High and above" includes it.
 */
export function levelFromScore(score: number): SeverityLevel {
  if (score >= 9) return 'Critical';
  if (score >= 7) return 'High';
  if (score >= 4) return 'Medium';
  if (score > 0) return 'Low';
  return 'Unknown';
}

// Words used by GitHub (`database_specific.severity`), Ubuntu, Red Hat and Debian (`urgency`).
const LABELS: Record<string, SeverityLevel> = {
  critical: 'Critical',
  high: 'High',
  important: 'High',
  moderate: 'Medium',
  medium: 'Medium',
  low: 'Low',
  negligible: 'Low',
  unimportant: 'Low',
};

/** Maps a textual rating; Debian marks provisional urgencies with `*` (`low*`, `medium**`). */
export function levelFromLabel(label: string): SeverityLevel {
  return LABELS[label.trim().toLowerCase().replace(/\*+$/, '')] ?? 'Unknown';
}

/**
 * The severity of a record for one affected package: a CVSS vector wins (newest CVSS version
 * first, per-package vectors before record-wide ones), then textual ratings, else Unknown.
 */
export function assessSeverity(record: OsvRecord, affected?: OsvAffected): SeverityAssessment {
  const vectors = [...(affected?.severity ?? []), ...(record.severity ?? [])];
  for (const type of ['CVSS_V4', 'CVSS_V3', 'CVSS_V2']) {
    for (const entry of vectors.filter((v) => v.type === type)) {
      const score = scoreVector(entry);
      if (score !== undefined) return { level: levelFromScore(score), score };
    }
  }
  const labels = [
    ...vectors.filter((v) => v.type === 'Ubuntu').map((v) => v.score),
    stringField(affected?.ecosystem_specific, 'severity'),
    stringField(affected?.database_specific, 'severity'),
    stringField(record.database_specific, 'severity'),
    stringField(affected?.ecosystem_specific, 'urgency'),
    stringField(record.database_specific, 'urgency'),
  ];
  for (const label of labels) {
    if (label === undefined) continue;
    const level = levelFromLabel(label);
    if (level !== 'Unknown') return { level };
  }
  return { level: 'Unknown' };
}

function scoreVector(entry: OsvSeverity): number | undefined {
  if (entry.type === 'CVSS_V4') return cvss4Score(entry.score);
  if (entry.type === 'CVSS_V3') return cvss3BaseScore(entry.score);
  return cvss2BaseScore(entry.score);
}

function stringField(source: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = source?.[key];
  return typeof value === 'string' ? value : undefined;
}

const RANK: Record<SeverityLevel, number> = { Unknown: 0, Low: 1, Medium: 2, High: 3, Critical: 4 };

export function maxLevel(a: SeverityLevel, b: SeverityLevel): SeverityLevel {
  return RANK[a] >= RANK[b] ? a : b;
}

export function severityRank(level: SeverityLevel): number {
  return RANK[level];
}
