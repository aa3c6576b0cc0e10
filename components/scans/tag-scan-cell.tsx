import Link from 'next/link';
import { repositoryHref } from '@/lib/paths/repository-paths';
import type { ScanSummaryDto } from '@/lib/schemas/scans';
import { ScanBadge } from './severity-badge';
import { isScanActive } from './severity';

// The tags list carries each tag's latest scan as `scan` only for users who may read reports (null: never scanned).

type WithScan = { scan?: ScanSummaryDto | null };

/** Whether the list's tags carry scan summaries at all, which decides whether the column exists. */
export const hasScanColumn = (tags: readonly object[] | undefined) => !!tags?.some((t) => 'scan' in t);

/** While a tag on the page is being scanned, the list refreshes every two seconds so its badge follows along. */
export function scanPollInterval(list: { items: readonly object[] } | undefined): number | false {
  return list?.items.some((t) => isScanActive((t as WithScan).scan?.status)) ? 2000 : false;
}

export function TagScanCell({ repository, tag }: { repository: string; tag: { name: string } & object }) {
  const scan = (tag as WithScan).scan;
  return (
    <Link
      href={repositoryHref(repository, { tab: 'scan', tag: tag.name })}
      title={`Scan report of ${tag.name}`}
      className="inline-block rounded-md hover:opacity-80 focus-visible:outline-2"
      data-testid={`scan-badge-${tag.name}`}
    >
      <ScanBadge scan={scan} />
    </Link>
  );
}
