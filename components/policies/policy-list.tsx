'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { PolicyDto } from '@/lib/schemas/policies';
import { ErrorState } from '@/components/ui/error-state';
import { Badge } from '@/components/ui/badge';
import { CreateLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ShieldIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TBody, Td, HeaderRow, Tr } from '@/components/ui/table';
import { listPolicies, policyKeys } from '@/lib/client/policies-api';
import { PolicyTabs } from './policy-tabs';

const SHOWN_USERS = 3;

export function PolicyList({ initial }: { initial: PolicyDto[] }) {
  const query = useQuery({ queryKey: policyKeys.list(), queryFn: ({ signal }) => listPolicies(signal), initialData: initial });
  const builtin = query.data.filter((p) => p.builtin);
  const custom = query.data.filter((p) => !p.builtin);

  return (
    <>
      <PageHeader
        title="Policies"
        description="Policies allow or deny actions on resources. Attach them to users on the Users page; a Deny always wins."
        actions={<CreateLink href="/policies/new">New policy</CreateLink>}
      />
      <PolicyTabs />
      {query.isError ? <ErrorState title="Could not refresh the policies" error={query.error} onRetry={query.refetch} className="mb-4" /> : null}
      <section aria-labelledby="custom-policies" className="mb-8">
        <h2 id="custom-policies" className="mb-3 text-base font-semibold text-slate-900 dark:text-slate-100">
          Custom policies
        </h2>
        {query.isPending ? (
          <TableSkeleton rows={2} label="Loading policies" />
        ) : custom.length === 0 ? (
          <EmptyState
            icon={<ShieldIcon className="size-5" />}
            title="No custom policies yet"
            action={<CreateLink href="/policies/new">Create a policy</CreateLink>}
          >
            Write a policy to grant or deny specific actions (say, pull only from one namespace), then attach it to users. The built-in policies below cover
            full and read-only access.
          </EmptyState>
        ) : (
          <PolicyTable label="Custom policies" policies={custom} />
        )}
      </section>
      <section aria-labelledby="builtin-policies">
        <h2 id="builtin-policies" className="mb-3 text-base font-semibold text-slate-900 dark:text-slate-100">
          Built-in policies
        </h2>
        <PolicyTable label="Built-in policies" policies={builtin} />
      </section>
    </>
  );
}

function PolicyTable({ label, policies }: { label: string; policies: PolicyDto[] }) {
  return (
    <Table label={label}>
      <HeaderRow
        columns={[
          'Name',
          { label: 'Description', className: 'hidden md:table-cell' },
          { label: 'Statements', className: 'hidden text-right sm:table-cell' },
          'Attached to',
          { label: 'Updated', className: 'hidden lg:table-cell' },
        ]}
      />
      <TBody>
        {policies.map((p) => (
          <Tr key={p.name}>
            <Td>
              <span className="flex flex-wrap items-center gap-2">
                <Link href={`/policies/${encodeURIComponent(p.name)}`} className="font-medium text-teal-800 hover:underline dark:text-teal-300">
                  {p.name}
                </Link>
                {p.builtin ? <Badge>built-in</Badge> : null}
              </span>
            </Td>
            <Td className="hidden max-w-sm text-slate-600 md:table-cell dark:text-slate-400">{p.description || '—'}</Td>
            <Td className="hidden text-right tabular-nums sm:table-cell">{p.document.Statement.length}</Td>
            <Td>
              {p.users.length === 0 ? (
                <span className="text-slate-500 dark:text-slate-400">no one</span>
              ) : (
                <span className="flex flex-wrap gap-1">
                  {p.users.slice(0, SHOWN_USERS).map((u) => (
                    <Link key={u} href={`/users/${encodeURIComponent(u)}`} className="hover:underline">
                      <Badge tone="teal">{u}</Badge>
                    </Link>
                  ))}
                  {p.users.length > SHOWN_USERS ? <Badge>+{p.users.length - SHOWN_USERS} more</Badge> : null}
                </span>
              )}
            </Td>
            <Td className="hidden whitespace-nowrap text-slate-600 lg:table-cell dark:text-slate-400">
              {p.updatedAt ? <RelativeTime iso={p.updatedAt} /> : 'with Berth'}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
