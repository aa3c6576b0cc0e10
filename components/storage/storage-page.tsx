'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatBytes } from '@/lib/client/format';
import { describeGcSchedule } from '@/lib/client/gc-schedule';
import { lifecycleKeys, listGcRuns } from '@/lib/client/lifecycle-api';
import type { GcRunDto, GcRunListDto } from '@/lib/schemas/gc';
import type { StorageUsage } from '@/lib/services/gc/get-storage-usage';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { LayersIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { RunGcDialog } from './run-gc-dialog';
import { ErrorNotice } from '@/components/ui/error-notice';

const STATUS_TONE: Record<GcRunDto['status'], 'neutral' | 'blue' | 'green' | 'red'> = { queued: 'neutral', running: 'blue', succeeded: 'green', failed: 'red' };

/** Garbage collection for installation administrators: the schedule, what is stored, the runs and "Run now". */
export function StoragePage({ initial, usage }: { initial: GcRunListDto; usage: StorageUsage }) {
  const [running, setRunning] = useState(false);
  const query = useQuery({
    queryKey: lifecycleKeys.gcRuns,
    queryFn: ({ signal }) => listGcRuns(signal),
    initialData: initial,
    // Follow queued and running runs until they finish.
    refetchInterval: (q) => (q.state.data?.runs.some((r) => r.status === 'queued' || r.status === 'running') ? 1500 : false),
  });
  const { runs, schedule } = query.data;
  // One "Run now": in the header once there are runs, in the empty state before.
  const runNow = (
    <Button variant="primary" onClick={() => setRunning(true)}>
      Run now
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Storage"
        description="Garbage collection frees the storage that deleted tags, repositories and namespaces leave behind, while the registry keeps serving."
        actions={runs.length > 0 ? runNow : undefined}
      />
      <dl className="mb-6 grid grid-cols-1 gap-3 sm:grid-cols-3">
        <Stat label="Scheduled runs" value={schedule ? describeGcSchedule(schedule) : 'off'} hint={schedule ? `BERTH_GC_SCHEDULE=${schedule}` : 'BERTH_GC_SCHEDULE=off'} />
        <Stat label="Storage used" value={formatBytes(usage.bytes)} hint={`${usage.blobs.toLocaleString('en')} ${usage.blobs === 1 ? 'blob' : 'blobs'}, each counted once`} />
        <Stat label="Last run" value={runs[0] ? <RelativeTime iso={runs[0].createdAt} /> : 'never'} hint={runs[0] ? `${runs[0].status}${runs[0].dryRun ? ' (dry run)' : ''}` : undefined} />
      </dl>
      {query.isError ? (
        <ErrorNotice error={query.error} title="Could not refresh the runs" className="mb-4" />
      ) : null}
      {runs.length === 0 ? (
        <EmptyState icon={<LayersIcon className="size-5" />} title="No garbage collection runs yet" action={runNow}>
          {schedule ? `The first scheduled run comes ${describeGcSchedule(schedule)}.` : 'Scheduled runs are off: storage is freed only when you run garbage collection here.'}
        </EmptyState>
      ) : (
        <GcRunTable runs={runs} />
      )}
      <RunGcDialog open={running} onClose={() => setRunning(false)} />
    </>
  );
}

function GcRunTable({ runs }: { runs: GcRunDto[] }) {
  return (
    <Table label="Garbage collection runs">
      <THead>
        <tr>
          <Th>Started</Th>
          <Th>Status</Th>
          <Th className="text-right">Manifests</Th>
          <Th className="text-right">Blobs</Th>
          <Th className="text-right">Freed</Th>
          <Th className="hidden text-right sm:table-cell">Duration</Th>
          <Th className="hidden md:table-cell">Options</Th>
        </tr>
      </THead>
      <TBody>
        {runs.map((r) => (
          <Tr key={r.id} data-testid="gc-run">
            <Td className="whitespace-nowrap">
              <RelativeTime iso={r.startedAt ?? r.createdAt} />
              <p className="text-xs text-slate-500 dark:text-slate-400">{r.trigger === 'schedule' ? 'scheduled' : `by ${r.requestedBy}`}</p>
            </Td>
            <Td>
              <div className="flex flex-wrap gap-1">
                <Badge tone={STATUS_TONE[r.status]}>{r.status}</Badge>
                {r.dryRun ? <Badge tone="amber">dry run</Badge> : null}
              </div>
              {r.errors.length ? (
                <ul className="mt-1 space-y-0.5 text-xs text-red-700 dark:text-red-400">
                  {r.errors.slice(0, 3).map((e, i) => (
                    <li key={i} className="break-words">
                      {e}
                    </li>
                  ))}
                  {r.errors.length > 3 ? <li>and {r.errors.length - 3} more</li> : null}
                </ul>
              ) : null}
            </Td>
            <Td className="text-right tabular-nums">{r.manifestsDeleted.toLocaleString('en')}</Td>
            <Td className="text-right tabular-nums">{r.blobsDeleted.toLocaleString('en')}</Td>
            <Td className="whitespace-nowrap text-right tabular-nums">{formatBytes(r.bytesFreed)}</Td>
            <Td className="hidden whitespace-nowrap text-right tabular-nums sm:table-cell">{r.durationMs === null ? '—' : formatDuration(r.durationMs)}</Td>
            <Td className="hidden text-xs text-slate-600 md:table-cell dark:text-slate-400">
              {r.deleteUntagged ? 'untagged manifests too' : 'unreferenced blobs only'}; grace {formatDuration(r.gracePeriodSeconds * 1000)}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function Stat({ label, value, hint }: { label: string; value: React.ReactNode; hint?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-slate-500 dark:text-slate-400">{hint}</dd> : null}
    </div>
  );
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h} h ${m % 60} min` : `${Math.round(h / 24)} days`;
}
