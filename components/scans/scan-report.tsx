'use client';

import { useState } from 'react';
import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import { formatPlatform } from '@/lib/client/format';
import { repositoryHref } from '@/lib/paths/repository-paths';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import type { PlatformReportDto } from '@/lib/schemas/scans';
import { BackLink } from '@/components/ui/back-link';
import { Button } from '@/components/ui/button';
import { Card, CardBody } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ShieldIcon } from '@/components/ui/icons';
import { Select } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { QueryFallback } from '@/components/ui/query-view';
import { DetailSkeleton } from '@/components/ui/skeleton';
import { DataAgeNotice } from './data-age';
import { PlatformReport } from './platform-report';
import { ScanHeader } from './scan-header';
import { ScanProgress } from './scan-progress';
import { useTagScan } from './use-tag-scan';
import { ErrorNotice } from '@/components/ui/error-notice';

/** `/repositories/<name>/-/tags/<tag>/scan`: the tag's latest scan, live while it runs, then its report. */
export function ScanReport({ repository, tag, can }: { repository: RepositoryDto; tag: string; can: RepositoryCapabilities }) {
  const { query, start } = useTagScan(repository.name, tag, { enabled: can.viewScanReport });
  const back = (
    <BackLink href={repositoryHref(repository.name, { tab: 'tag', tag })}>
      Tag <span className="font-mono">{tag}</span>
    </BackLink>
  );
  const scanButton = can.scan ? (
    <Button variant="primary" onClick={() => start.mutate()} pending={start.isPending}>
      <ShieldIcon />
      Scan now
    </Button>
  ) : undefined;
  const startError = <ErrorNotice error={start.error} title="Could not start the scan" />;

  if (!can.viewScanReport) {
    return (
      <div>
        {back}
        <p className="text-sm text-slate-600 dark:text-slate-400">A policy keeps this repository&apos;s scan reports from you.</p>
      </div>
    );
  }
  if (query.data === undefined) {
    return (
      <QueryFallback
        query={query}
        before={back}
        className="space-y-4"
        loading={<DetailSkeleton label="Loading scan report" before={back} sections={['h-32', 'h-64']} />}
        errorTitle="Could not load the scan"
        notFound={
          <>
            <EmptyState icon={<ShieldIcon className="size-5" />} title={`${tag} has not been scanned`} action={scanButton}>
              A scan lists the image&apos;s packages, matches them against the vulnerability data and searches its files for secrets.
              {can.scan ? null : ' Someone allowed to scan this repository can start one.'}
            </EmptyState>
            {startError}
          </>
        }
      />
    );
  }

  const scan = query.data;
  return (
    <div>
      {back}
      <div className="space-y-6">
        <ScanHeader scan={scan} tag={tag} canScan={can.scan} pending={start.isPending} onScan={() => start.mutate()} />
        {startError}
        {scan.status === 'queued' || scan.status === 'running' ? (
          <Card>
            <CardBody>
              <ScanProgress scan={scan} />
            </CardBody>
          </Card>
        ) : null}
        {scan.status === 'failed' ? (
          <Notice tone="error" title="The scan failed">
            {scan.error ?? 'The scanner stopped without saying why; the server log has the details.'}
          </Notice>
        ) : null}
        {scan.status === 'succeeded' ? (
          <>
            <DataAgeNotice dataUpdatedAt={scan.dataUpdatedAt} canScan={can.scan} />
            {scan.platforms?.length ? <PlatformReports platforms={scan.platforms} /> : <p className="text-sm text-slate-600">The scan produced no report.</p>}
          </>
        ) : null}
      </div>
    </div>
  );
}

const platformLabel = (p: PlatformReportDto) => (p.platform ? formatPlatform(p.platform) : 'image');

function PlatformReports({ platforms }: { platforms: PlatformReportDto[] }) {
  const [selected, setSelected] = useState(0);
  const report = platforms[Math.min(selected, platforms.length - 1)]!;
  return (
    <div className="space-y-4">
      {platforms.length > 1 ? (
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="scan-platform" className="text-sm font-medium text-slate-700 dark:text-slate-300">
            Platform
          </label>
          <Select id="scan-platform" value={String(selected)} onChange={(e) => setSelected(Number(e.target.value))} className="w-auto min-w-56">
            {platforms.map((p, i) => (
              <option key={p.manifestDigest} value={i}>
                {platformLabel(p)} — {p.vulnerabilities.length} {p.vulnerabilities.length === 1 ? 'vulnerability' : 'vulnerabilities'}
              </option>
            ))}
          </Select>
          <span className="text-xs text-slate-500 dark:text-slate-400">The index holds {platforms.length} images; each is scanned on its own.</span>
        </div>
      ) : null}
      <PlatformReport key={report.manifestDigest} report={report} />
    </div>
  );
}
