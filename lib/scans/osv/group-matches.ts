import type { SeverityLevel } from '../scan-report';
import type { PackageMatch } from './match-package';
import { assessSeverity, maxLevel, severityRank } from './severity';

export interface GroupedMatch {
  id: string;
  aliases: string[];
  summary: string;
  severity: SeverityLevel;
  score?: number;
  fixedVersion?: string;
}

/**
 * Collapses records that describe the same vulnerability (a GHSA and the PYSEC that aliases it)
 * into one finding, as osv-scanner does: records are joined through `id` and `aliases` only.
 * `upstream` is shown but not joined on, because one Debian advisory lists many CVEs and joining
 * through it would merge unrelated vulnerabilities.
 */
export function groupMatches(matches: readonly PackageMatch[]): GroupedMatch[] {
  const parent = matches.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const owner = new Map<string, number>();
  matches.forEach((match, i) => {
    for (const key of [match.record.id, ...(match.record.aliases ?? [])]) {
      const j = owner.get(key);
      if (j === undefined) owner.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, PackageMatch[]>();
  matches.forEach((match, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), match]);
  });
  return [...groups.values()].map(summarizeGroup).sort((a, b) => a.id.localeCompare(b.id));
}

function summarizeGroup(members: PackageMatch[]): GroupedMatch {
  const assessed = members.map((m) => ({ match: m, severity: assessSeverity(m.record, m.affected) }));
  // The representative is the best-rated record, so the shown ID carries the shown severity.
  assessed.sort(
    (a, b) =>
      severityRank(b.severity.level) - severityRank(a.severity.level) ||
      a.match.record.id.localeCompare(b.match.record.id),
  );
  const [first] = assessed;
  const ids = new Set<string>();
  for (const { match } of assessed) {
    for (const id of [match.record.id, ...(match.record.aliases ?? []), ...(match.record.upstream ?? [])]) ids.add(id);
  }
  ids.delete(first.match.record.id);
  const record = first.match.record;
  return {
    id: record.id,
    aliases: [...ids].sort(),
    summary: record.summary ?? assessed.find((a) => a.match.record.summary)?.match.record.summary ?? firstLine(record.details),
    severity: assessed.reduce<SeverityLevel>((level, a) => maxLevel(level, a.severity.level), 'Unknown'),
    score: first.severity.score,
    fixedVersion: assessed.find((a) => a.match.fixedVersion)?.match.fixedVersion,
  };
}

function firstLine(text: string | undefined): string {
  return text?.split('\n').find((line) => line.trim())?.trim().slice(0, 200) ?? '';
}
