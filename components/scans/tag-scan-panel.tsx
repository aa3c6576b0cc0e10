'use client';

import Link from 'next/link';
import { isApiError } from '@/lib/client/api-fetch';
import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import { repositoryHref } from '@/lib/paths/repository-paths';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { ShieldIcon } from '@/components/ui/icons';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { DataAge } from './data-age';
import { ScanProgress } from './scan-progress';
import { ScanBadge } from './severity-badge';
import { isScanActive } from './severity';
import { useTagScan } from './use-tag-scan';
import { ErrorNotice } from '@/components/ui/error-notice';

/** The tag page's scan section: the latest scan in brief, a link to its report, and the button that starts one. */
export function TagScanPanel({ repository, tag, can }: { repository: string; tag: string; can: RepositoryCapabilities }) {
  const { query, start } = useTagScan(repository, tag, { enabled: can.viewScanReport });
  if (!can.viewScanReport && !can.scan) return null;
  const scan = query.data;
  const neverScanned = isApiError(query.error, 404);
  const reportHref = repositoryHref(repository, { tab: 'scan', tag });

  return (
    <Card>
      <CardHeader
        title="Vulnerability scan"
        description="Packages matched against the vulnerability data, and secrets in the image's files."
        action={
          can.scan ? (
            <Button variant="primary" onClick={() => start.mutate()} pending={start.isPending} disabled={isScanActive(scan?.status)}>
              <ShieldIcon />
              {scan ? 'Scan again' : 'Scan'}
            </Button>
          ) : null
        }
      />
      <CardBody className="space-y-3 text-sm">
        {!can.viewScanReport ? (
          <p className="text-slate-600 dark:text-slate-400">You may start a scan, but a policy keeps its report from you.</p>
        ) : query.isPending ? (
          <Skeleton className="h-6 w-72" />
        ) : scan ? (
          <>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
              <ScanBadge scan={scan} error={scan.error} />
              <span className="text-slate-600 dark:text-slate-400">
                {scan.finishedAt ? (
                  <>
                    scanned <RelativeTime iso={scan.finishedAt} /> · <DataAge dataUpdatedAt={scan.dataUpdatedAt} />
                  </>
                ) : (
                  <>
                    requested <RelativeTime iso={scan.createdAt} />
                  </>
                )}
              </span>
              <Link href={reportHref} className="font-medium text-teal-800 hover:underline dark:text-teal-300">
                {scan.status === 'succeeded' ? 'View report' : 'View scan'}
              </Link>
            </div>
            {isScanActive(scan.status) ? <ScanProgress scan={scan} /> : null}
            {scan.status === 'failed' && scan.error ? <p className="text-red-700 dark:text-red-400">{scan.error}</p> : null}
          </>
        ) : neverScanned ? (
          <p className="text-slate-600 dark:text-slate-400">This image has not been scanned yet.</p>
        ) : (
          <ErrorNotice error={query.error} title="Could not load the scan" />
        )}
        <ErrorNotice error={start.error} title="Could not start the scan" />
      </CardBody>
    </Card>
  );
}
