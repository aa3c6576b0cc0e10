import { SEVERITY_LEVELS, type SeverityCountsDto } from '@/lib/schemas/scans';

export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];
export type ScanStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** Critical solid red, High red, Medium amber, Low slate-blue, Unknown gray: the same in badges, totals and the table. */
export const LEVEL_STYLES: Record<SeverityLevel, string> = {
  Critical: 'bg-red-700 text-white ring-red-800 dark:bg-red-800 dark:text-white dark:ring-red-700',
  High: 'bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-900',
  Medium: 'bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-900',
  Low: 'bg-slate-100 text-blue-800 ring-blue-200 dark:bg-slate-800 dark:text-blue-300 dark:ring-blue-900',
  Unknown: 'bg-slate-100 text-slate-600 ring-slate-200 dark:bg-slate-800 dark:text-slate-400 dark:ring-slate-700',
};

/** Each level's key in SeverityCountsDto. */
export const LEVEL_KEYS: Record<SeverityLevel, keyof SeverityCountsDto> = { Critical: 'critical', High: 'high', Medium: 'medium', Low: 'low', Unknown: 'unknown' };

/** Critical first: the order tables sort by and totals are listed in. */
export const levelRank = (level: SeverityLevel) => SEVERITY_LEVELS.indexOf(level);

export function countLevels(vulnerabilities: Array<{ severity: SeverityLevel }>): SeverityCountsDto {
  const counts = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  for (const v of vulnerabilities) counts[LEVEL_KEYS[v.severity]]++;
  return counts;
}

/** A scan still on its way: the console polls it until it ends. */
export const isScanActive = (status: ScanStatus | undefined) => status === 'queued' || status === 'running';

/** Whether a level is `floor` or more severe: "High and above" is Critical and High. */
export const atOrAbove = (level: SeverityLevel, floor: SeverityLevel) => levelRank(level) <= levelRank(floor);
