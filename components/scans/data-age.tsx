'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { queryKeys } from '@/lib/client/query-keys';
import { getVulnDbStatus } from '@/lib/client/vulndb-api';
import { Notice } from '@/components/ui/notice';
import { RelativeTime } from '@/components/ui/relative-time';

/** How old the vulnerability data a scan matched against was: the report is only as good as that data. */
export function DataAge({ dataUpdatedAt }: { dataUpdatedAt: string | null }) {
  if (!dataUpdatedAt) return <span className="text-amber-700 dark:text-amber-400">no vulnerability data</span>;
  return (
    <span>
      vulnerability data imported <RelativeTime iso={dataUpdatedAt} />
    </span>
  );
}

/**
 * Says so when the scan had no data to match against, or when newer data was imported since: in both cases the
 * report may miss vulnerabilities that scanning again would find.
 */
export function DataAgeNotice({ dataUpdatedAt, canScan }: { dataUpdatedAt: string | null; canScan: boolean }) {
  const status = useQuery({ queryKey: queryKeys.vulndb.status, queryFn: ({ signal }) => getVulnDbStatus(signal) });
  const current = status.data?.updatedAt ?? null;
  const link = (
    <Link href="/vulnerability-data" className="font-medium underline">
      Vulnerability data
    </Link>
  );
  if (!dataUpdatedAt) {
    return (
      <Notice tone="warning" title="Scanned without vulnerability data">
        Packages were listed and secrets searched, but nothing was matched against known vulnerabilities.{' '}
        {current ? <>Data has been imported since{canScan ? ': scan again to check the packages.' : '.'}</> : <>An administrator imports data on the {link} page.</>}
      </Notice>
    );
  }
  if (current && new Date(current).getTime() > new Date(dataUpdatedAt).getTime()) {
    return (
      <Notice tone="info" title="Newer vulnerability data">
        The data was updated <RelativeTime iso={current} />, after this scan{canScan ? ': scan again to match against it.' : '.'}
      </Notice>
    );
  }
  return null;
}
