'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { errorMessage } from '@/lib/client/field-errors';
import type { AuditEventDto } from '@/lib/schemas/audit';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ListIcon } from '@/components/ui/icons';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TBody, Td, HeaderRow, Tr } from '@/components/ui/table';
import { auditKeys, EMPTY_AUDIT_FILTERS, listAuditEvents, type AuditFilters } from '@/lib/client/audit-api';
import { AuditFilterForm } from './audit-filters';
import { ErrorNotice } from '@/components/ui/error-notice';

const OUTCOME_TONE: Record<string, 'green' | 'red' | 'amber'> = { allowed: 'green', denied: 'red', failed: 'amber' };

function readFilters(sp: URLSearchParams): AuditFilters {
  const out = { ...EMPTY_AUDIT_FILTERS };
  for (const key of Object.keys(out) as Array<keyof AuditFilters>) out[key] = sp.get(key) ?? '';
  return out;
}

/**
 * The audit log, newest first, filtered by what the URL says (so a filtered view can be linked and reloaded) and
 * read a page at a time with the API's cursor. `everything`: the viewer reads the whole installation's log, not
 * only the events of the namespaces they own.
 */
export function AuditLog({ everything }: { everything: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filters = readFilters(searchParams);
  const filtered = Object.values(filters).some(Boolean);
  const query = useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam, signal }) => listAuditEvents(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

  function apply(next: AuditFilters) {
    const qs = new URLSearchParams(Object.entries(next).filter(([, v]) => v !== '')).toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }

  const events = query.data?.pages.flatMap((p) => p.items) ?? [];
  const moreError = query.isFetchNextPageError ? query.error : null;
  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          everything
            ? 'Who did what, and what was refused, across the installation. Newest first.'
            : 'Who did what in the namespaces you own, and what was refused. Newest first.'
        }
      />
      <AuditFilterForm key={searchParams.toString()} value={filters} onApply={apply} />
      {query.isPending ? (
        <TableSkeleton label="Loading audit events" rows={8} />
      ) : query.data === undefined ? (
        <ErrorNotice error={query.error} title="Could not load the audit log" />
      ) : events.length === 0 ? (
        <EmptyState
          icon={<ListIcon className="size-5" />}
          title={filtered ? 'No events match these filters' : 'No events yet'}
          action={filtered ? <Button onClick={() => apply(EMPTY_AUDIT_FILTERS)}>Clear filters</Button> : undefined}
        >
          {filtered
            ? 'Widen the date range or clear a filter. Actor, action and namespace must match exactly.'
            : everything
              ? 'Sign-ins, pushes, deletions and changes to users, policies and permissions are recorded here as they happen.'
              : 'Events in namespaces you own appear here: pushes, deletions, permission changes and refused requests. Create a namespace to start.'}
        </EmptyState>
      ) : (
        <>
          <Table label="Audit events">
            <HeaderRow
              columns={[
                { label: 'Time', className: 'hidden sm:table-cell' },
                'Actor',
                'Action',
                { label: 'Outcome', className: 'hidden sm:table-cell' },
                { label: 'Resource', className: 'hidden md:table-cell' },
                { label: 'Via', className: 'hidden lg:table-cell' },
              ]}
            />
            <TBody>
              {events.map((e) => (
                <AuditRow key={e.id} event={e} />
              ))}
            </TBody>
          </Table>
          <div className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600 dark:text-slate-400">
            <p aria-live="polite">
              {events.length} {events.length === 1 ? 'event' : 'events'}
              {query.hasNextPage ? ' shown' : ', all shown'}
            </p>
            {query.hasNextPage ? (
              <Button onClick={() => query.fetchNextPage()} pending={query.isFetchingNextPage}>
                Load more
              </Button>
            ) : null}
          </div>
          {moreError ? (
            <Notice tone="error" className="mt-3">
              Could not load more events: {errorMessage(moreError)}
            </Notice>
          ) : null}
        </>
      )}
    </>
  );
}

function AuditRow({ event: e }: { event: AuditEventDto }) {
  return (
    <Tr data-testid="audit-row">
      <Td className="hidden whitespace-nowrap text-slate-600 sm:table-cell dark:text-slate-400">
        <RelativeTime iso={e.occurredAt} />
      </Td>
      <Td className="font-medium">
        <span className="break-words">{e.actorName}</span>
        {/* Narrow screens fold the time in here. */}
        <p className="mt-0.5 whitespace-nowrap text-xs font-normal text-slate-500 sm:hidden dark:text-slate-400">
          <RelativeTime iso={e.occurredAt} />
        </p>
        {/* Column priority: on a phone the outcome rides here, where it is never off-screen. */}
        <Badge tone={OUTCOME_TONE[e.outcome] ?? 'neutral'} className="mt-1 sm:hidden">
          {e.outcome}
        </Badge>
      </Td>
      <Td>
        <code className="font-mono text-xs">{e.action}</code>
        {/* On narrow screens the resource column is hidden: show it under the action. */}
        <p className="mt-0.5 break-all font-mono text-xs text-slate-500 md:hidden dark:text-slate-400">{e.resource}</p>
      </Td>
      <Td className="hidden sm:table-cell">
        <Badge tone={OUTCOME_TONE[e.outcome] ?? 'neutral'}>{e.outcome}</Badge>
      </Td>
      <Td className="hidden max-w-md md:table-cell">
        <p className="break-all font-mono text-xs text-slate-700 dark:text-slate-300">{e.resource}</p>
        {e.detail !== null && e.detail !== undefined ? (
          <details className="mt-1">
            <summary className="cursor-pointer text-xs text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200">Details</summary>
            <pre
              tabIndex={0}
              className="mt-1 max-h-48 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs text-slate-700 dark:bg-slate-950 dark:text-slate-300"
            >
              {JSON.stringify(e.detail, null, 2)}
            </pre>
          </details>
        ) : null}
      </Td>
      <Td className="hidden whitespace-nowrap text-slate-600 lg:table-cell dark:text-slate-400">
        {e.via}
        {e.sourceIp ? <span className="block font-mono text-xs">{e.sourceIp}</span> : null}
      </Td>
    </Tr>
  );
}
