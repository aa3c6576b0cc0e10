'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { formatBytes } from '@/lib/client/format';
import { listNamespaces } from '@/lib/client/namespaces-api';
import { queryKeys } from '@/lib/client/query-keys';
import { CreateLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { FolderIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TBody, Td, HeaderRow, Tr } from '@/components/ui/table';
import { RelativeTime } from '@/components/ui/relative-time';
import { useConsoleUser, useRegistryHost } from '@/components/shell/console-context';
import { VisibilityBadge } from '@/components/repositories/visibility';
import { QueryFallback } from '@/components/ui/query-view';
import { NamespaceLimitLine } from './namespace-limit';

export function NamespaceList() {
  const host = useRegistryHost();
  const me = useConsoleUser();
  const query = useQuery({ queryKey: queryKeys.namespaces.list(), queryFn: ({ signal }) => listNamespaces(signal) });
  const limit = query.data?.namespaceLimit;

  return (
    <>
      <PageHeader
        title="Namespaces"
        description={
          <>
            A namespace holds repositories, addressed as <code className="font-mono text-xs">{host}/&lt;namespace&gt;/&lt;repository&gt;</code>.
          </>
        }
        actions={<CreateLink href="/namespaces/new">New namespace</CreateLink>}
      />
      <div className="mb-4 min-h-5 text-sm text-slate-600 dark:text-slate-400">{limit ? <NamespaceLimitLine limit={limit} /> : null}</div>
      {query.data === undefined ? (
        <QueryFallback query={query} loading={<TableSkeleton label="Loading namespaces" />} errorTitle="Could not load namespaces" />
      ) : query.data.items.length === 0 ? (
        <EmptyState
          icon={<FolderIcon className="size-5" />}
          title="No namespaces yet"
          action={<CreateLink href="/namespaces/new">Create a namespace</CreateLink>}
        >
          Create a namespace to push images into it, or ask a namespace owner to add you as a member.
        </EmptyState>
      ) : (
        <Table label="Namespaces">
          <HeaderRow
            columns={[
              'Name',
              { label: 'Owner', className: 'hidden sm:table-cell' },
              { label: 'Repositories', className: 'text-right' },
              { label: 'Storage', className: 'hidden text-right md:table-cell' },
              { label: 'New repositories', className: 'hidden lg:table-cell' },
              { label: 'Created', className: 'hidden md:table-cell' },
            ]}
          />
          <TBody>
            {query.data.items.map((ns) => (
              <Tr key={ns.id}>
                <Td>
                  <Link href={`/namespaces/${encodeURIComponent(ns.name)}`} className="font-medium text-teal-800 hover:underline dark:text-teal-300">
                    {ns.name}
                  </Link>
                  {ns.owner === me.username ? <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">yours</span> : null}
                </Td>
                <Td className="hidden text-slate-600 sm:table-cell dark:text-slate-400">{ns.owner}</Td>
                <Td className="text-right tabular-nums">
                  <Link
                    href={`/repositories?namespace=${encodeURIComponent(ns.name)}`}
                    className="hover:underline"
                    aria-label={`${ns.repositoryCount} repositories in ${ns.name}`}
                  >
                    {ns.repositoryCount}
                  </Link>
                </Td>
                <Td className="hidden text-right tabular-nums text-slate-600 md:table-cell dark:text-slate-400">{formatBytes(ns.storageBytes)}</Td>
                <Td className="hidden lg:table-cell">
                  <span className="flex items-center gap-2 text-slate-600 dark:text-slate-400">
                    <VisibilityBadge visibility={ns.defaultVisibility} />
                    {ns.autoCreateRepository ? 'created on push' : 'created in the console only'}
                  </span>
                </Td>
                <Td className="hidden whitespace-nowrap text-slate-600 md:table-cell dark:text-slate-400">
                  <RelativeTime iso={ns.createdAt} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
