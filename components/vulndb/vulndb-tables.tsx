import type { VulnDbStatusDto, VulnImportDto } from '@/lib/schemas/vulndb';
import { Badge } from '@/components/ui/badge';
import { Spinner } from '@/components/ui/button';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TBody, Td, HeaderRow, Tr } from '@/components/ui/table';

export function EcosystemTable({ ecosystems }: { ecosystems: VulnDbStatusDto['ecosystems'] }) {
  return (
    <Table label="Records per ecosystem" className="rounded-none border-0">
      <HeaderRow columns={['Ecosystem', { label: 'Records', className: 'text-right' }, { label: 'Packages', className: 'text-right' }]} />
      <TBody>
        {ecosystems.map((e) => (
          <Tr key={e.ecosystem}>
            <Td className="font-medium">{e.ecosystem}</Td>
            <Td className="text-right tabular-nums">{e.records.toLocaleString('en')}</Td>
            <Td className="text-right tabular-nums">{e.packages.toLocaleString('en')}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

const STATUS_TONE = { running: 'blue', succeeded: 'green', failed: 'red' } as const;

export function ImportTable({ imports }: { imports: VulnImportDto[] }) {
  return (
    <Table label="Recent imports" className="rounded-none border-0">
      <HeaderRow
        columns={[
          'Source',
          'Status',
          { label: 'Added', className: 'text-right' },
          { label: 'Updated', className: 'hidden text-right sm:table-cell' },
          { label: 'Unchanged', className: 'hidden text-right sm:table-cell' },
          { label: 'Invalid', className: 'text-right' },
          { label: 'By', className: 'hidden md:table-cell' },
          'When',
        ]}
      />
      <TBody>
        {imports.map((run) => (
          <Tr key={run.id}>
            <Td className="max-w-72">
              <span className="break-all font-mono text-xs">{run.source}</span>
              {run.error ? <span className="mt-0.5 block break-words text-xs text-slate-600 dark:text-slate-400">{run.error}</span> : null}
            </Td>
            <Td>
              <Badge tone={STATUS_TONE[run.status]}>
                {run.status === 'running' ? <Spinner className="size-3" /> : null}
                {run.status}
              </Badge>
            </Td>
            <Td className="text-right tabular-nums">{run.added.toLocaleString('en')}</Td>
            <Td className="hidden text-right tabular-nums sm:table-cell">{run.updated.toLocaleString('en')}</Td>
            <Td className="hidden text-right tabular-nums sm:table-cell">{run.unchanged.toLocaleString('en')}</Td>
            <Td className="text-right tabular-nums">{run.invalid.toLocaleString('en')}</Td>
            <Td className="hidden text-slate-600 md:table-cell dark:text-slate-400">{run.importedBy ?? 'command line'}</Td>
            <Td className="whitespace-nowrap text-slate-600 dark:text-slate-400">
              <RelativeTime iso={run.startedAt} />
              {run.finishedAt ? <span className="block text-xs">took {duration(run.startedAt, run.finishedAt)}</span> : null}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

function duration(from: string, to: string): string {
  const s = Math.max(0, (new Date(to).getTime() - new Date(from).getTime()) / 1000);
  return s < 60 ? `${s.toFixed(s < 10 ? 1 : 0)} s` : `${Math.round(s / 60)} min`;
}
