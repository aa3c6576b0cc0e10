import type { SeverityCountsDto } from '@/lib/schemas/scans';
import { SEVERITY_LEVELS } from '@/lib/schemas/scans';
import { Badge } from '@/components/ui/badge';
import { Spinner } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { CheckIcon } from '@/components/ui/icons';
import { LEVEL_KEYS, LEVEL_STYLES, type ScanStatus, type SeverityLevel } from './severity';

/** What a badge needs: a scan summary from the tags list, or a whole scan (which also knows its progress). */
export interface ScanBadgeData {
  status: ScanStatus;
  counts: SeverityCountsDto | null;
  secrets: number | null;
  progress?: { layersDone: number; layersTotal: number };
}

export function LevelPill({ level, children, className }: { level: SeverityLevel; children?: React.ReactNode; className?: string }) {
  return (
    <span className={cn('inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', LEVEL_STYLES[level], className)}>
      {children ?? level}
    </span>
  );
}

/** The vulnerabilities by level ("2 High", "1 Unknown"), only the levels found; a green mark when there are none. */
export function SeverityCounts({ counts, secrets }: { counts: SeverityCountsDto; secrets?: number | null }) {
  const found = SEVERITY_LEVELS.filter((level) => counts[LEVEL_KEYS[level]] > 0);
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      {found.length === 0 ? (
        <Badge tone="green">
          <CheckIcon className="size-3" />
          no known vulnerabilities
        </Badge>
      ) : (
        found.map((level) => (
          <LevelPill key={level} level={level}>
            {counts[LEVEL_KEYS[level]]} {level}
          </LevelPill>
        ))
      )}
      {secrets ? (
        <Badge tone="red" className="bg-white dark:bg-transparent">
          {secrets} {secrets === 1 ? 'secret' : 'secrets'}
        </Badge>
      ) : null}
    </span>
  );
}

/** A tag's latest scan in a word or a few pills: "not scanned", "queued", "scanning 3/7", "failed", or the counts. */
export function ScanBadge({ scan, error }: { scan: ScanBadgeData | null | undefined; error?: string | null }) {
  if (!scan) return <span className="whitespace-nowrap text-xs text-slate-500 dark:text-slate-400">not scanned</span>;
  switch (scan.status) {
    case 'queued':
      return <Badge>queued</Badge>;
    case 'running': {
      const p = scan.progress;
      return (
        <Badge tone="blue">
          <Spinner className="size-3" />
          scanning{p && p.layersTotal > 0 ? ` ${p.layersDone}/${p.layersTotal}` : ''}
        </Badge>
      );
    }
    case 'failed':
      return (
        <Badge tone="red" title={error ?? undefined}>
          failed
        </Badge>
      );
    case 'succeeded':
      return scan.counts ? <SeverityCounts counts={scan.counts} secrets={scan.secrets} /> : <Badge tone="green">scanned</Badge>;
  }
}
