'use client';

import { useMemo, useState } from 'react';
import type { PlatformReportDto } from '@/lib/schemas/scans';
import { Button } from '@/components/ui/button';
import { ChevronRightIcon } from '@/components/ui/icons';
import { Pagination } from '@/components/ui/pagination';
import { Table, TBody, Td, HeaderRow, Tr } from '@/components/ui/table';
import { cn } from '@/components/ui/cn';
import { SearchField } from '@/components/ui/list-controls';
import { LayerRef } from './layer-ref';
import { compareText, pageOf, useFilteredPage } from './sortable-th';

const PAGE_SIZE = 50;

/** Every package the scanner found, folded away until asked for: an image easily holds hundreds. */
export function PackageInventory({ report }: { report: PlatformReportDto }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const { page, setPage, refilter } = useFilteredPage();
  const rows = useMemo(() => {
    const needle = text.trim().toLowerCase();
    return report.packages
      .filter((p) => !needle || [p.ecosystem, p.name, p.version, p.sourceName ?? '', p.path].some((s) => s.toLowerCase().includes(needle)))
      .sort((a, b) => compareText(a.ecosystem, b.ecosystem) || compareText(a.name, b.name) || compareText(a.version, b.version));
  }, [report.packages, text]);
  const shown = pageOf(rows, page, PAGE_SIZE);
  const ecosystems = new Set(report.packages.map((p) => p.ecosystem)).size;

  return (
    <div>
      <Button onClick={() => setOpen(!open)} aria-expanded={open} aria-controls="package-inventory" variant="ghost" className="-ml-2">
        <ChevronRightIcon className={cn('size-4 transition-transform', open && 'rotate-90')} />
        {open ? 'Hide' : 'Show'} {report.packages.length} {report.packages.length === 1 ? 'package' : 'packages'}
        {ecosystems > 0 ? ` in ${ecosystems} ${ecosystems === 1 ? 'ecosystem' : 'ecosystems'}` : ''}
      </Button>
      <div id="package-inventory" hidden={!open} className="mt-3">
        {report.packages.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">The scanner found no package database or manifest it reads.</p>
        ) : (
          <>
            <SearchField
              id="package-filter"
              label="Filter packages"
              placeholder="Filter by name, version or path"
              value={text}
              onChange={refilter(setText)}
              className="mb-3"
              inputClassName="sm:max-w-sm"
            />
            {rows.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">No package matches “{text.trim()}”.</p>
            ) : (
              <>
                <Table label="Packages">
                  <HeaderRow columns={['Ecosystem', 'Name', 'Version', 'Path', { label: 'Layer', className: 'text-right' }]} />
                  <TBody>
                    {shown.items.map((p, i) => (
                      <Tr key={`${p.ecosystem}|${p.name}|${p.version}|${p.path}|${i}`}>
                        <Td className="whitespace-nowrap text-slate-600 dark:text-slate-400">{p.ecosystem}</Td>
                        <Td className="min-w-36 max-w-64">
                          <span className="break-all font-medium">{p.name}</span>
                          {p.sourceName && p.sourceName !== p.name ? (
                            <span className="block text-xs text-slate-500 dark:text-slate-400">source {p.sourceName}</span>
                          ) : null}
                        </Td>
                        <Td className="break-all font-mono text-xs">{p.version}</Td>
                        <Td className="min-w-48 max-w-72">
                          <code className="break-all font-mono text-xs text-slate-600 dark:text-slate-400">{p.path}</code>
                        </Td>
                        <Td className="text-right">
                          <LayerRef index={p.layerIndex} layers={report.layers} />
                        </Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
                <Pagination label="Package pages" page={shown.page} pageSize={PAGE_SIZE} total={rows.length} onPage={setPage} />
              </>
            )}
          </>
        )}
      </div>
    </div>
  );
}
