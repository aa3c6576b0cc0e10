import type { ReactNode } from 'react';
import type { ScanDto } from '@/lib/schemas/scans';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FactList } from '@/components/ui/fact-list';
import { ExactTime } from '@/components/ui/relative-time';
import { Digest } from '@/components/repositories/digest';
import { DataAge } from './data-age';
import { ScanBadge } from './severity-badge';
import { isScanActive } from './severity';

const STATUS_WORDS: Record<ScanDto['status'], string> = { queued: 'Queued', running: 'Scanning', succeeded: 'Finished', failed: 'Failed' };

export function ScanHeader({ scan, tag, canScan, pending, onScan }: { scan: ScanDto; tag: string; canScan: boolean; pending: boolean; onScan: () => void }) {
  const when = scan.finishedAt ?? scan.startedAt ?? scan.createdAt;
  const rows: Array<[string, ReactNode]> = [
    ['Digest', <Digest key="d" digest={scan.manifestDigest} full label="scanned manifest digest" />],
    [
      'Status',
      <span key="s" className="inline-flex flex-wrap items-center gap-2">
        {STATUS_WORDS[scan.status]}
        <ScanBadge scan={scan} error={scan.error} />
      </span>,
    ],
    [
      scan.finishedAt ? 'Scanned' : scan.startedAt ? 'Started' : 'Requested',
      <span key="w">
        <ExactTime iso={when} />{' '}
        {scan.trigger === 'push' ? 'on push' : `by ${scan.requestedBy}`}
      </span>,
    ],
    ['Data', <DataAge key="a" dataUpdatedAt={scan.dataUpdatedAt} />],
  ];
  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-4 dark:border-slate-800">
        <h2 className="text-xl font-semibold">
          Scan of <span className="break-all font-mono">{tag}</span>
        </h2>
        {canScan ? (
          <Button onClick={onScan} pending={pending} disabled={isScanActive(scan.status)}>
            Scan again
          </Button>
        ) : null}
      </div>
      <FactList facts={rows} />
    </Card>
  );
}
