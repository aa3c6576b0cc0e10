'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import type { UserDto } from '@/lib/schemas/users';
import { ErrorState } from '@/components/ui/error-state';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PlusIcon, UsersIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TBody, Td, HeaderRow, Tr } from '@/components/ui/table';
import { useConsoleUser } from '@/components/shell/console-context';
import { CreateUserDialog } from './create-user-dialog';
import { describeNamespaceLimit, UserRoleBadge, UserStatusBadge } from './user-badges';
import { listUsers, userKeys } from '@/lib/client/users-api';

export function UserList({ initial, defaultLimit }: { initial: UserDto[]; defaultLimit: number }) {
  const me = useConsoleUser();
  const [creating, setCreating] = useState(false);
  const query = useQuery({ queryKey: userKeys.list(), queryFn: ({ signal }) => listUsers(signal), initialData: initial });
  const users = query.data;
  const others = users.filter((u) => u.username !== me.username);
  const newUser = (
    <Button variant="primary" onClick={() => setCreating(true)}>
      <PlusIcon />
      New user
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in to this registry. Open a user to disable them, reset their password or attach policies."
        actions={newUser}
      />
      {query.isError ? <ErrorState title="Could not refresh the users" error={query.error} onRetry={query.refetch} className="mb-4" /> : null}
      <Table label="Users">
        <HeaderRow
          columns={[
            'Username',
            { label: 'Status', className: 'hidden sm:table-cell' },
            'Policies',
            { label: 'Namespace limit', className: 'hidden md:table-cell' },
            { label: 'Created', className: 'hidden lg:table-cell' },
          ]}
        />
        <TBody>
          {users.map((u) => (
            <Tr key={u.id} data-testid={`user-row-${u.username}`}>
              <Td>
                <span className="flex flex-wrap items-center gap-2">
                  <Link
                    href={`/users/${encodeURIComponent(u.username)}`}
                    className="whitespace-nowrap font-medium text-teal-800 hover:underline dark:text-teal-300"
                  >
                    {u.username}
                  </Link>
                  <UserRoleBadge user={u} />
                  {/* Narrow screens have no status column. */}
                  <span className="sm:hidden">
                    <UserStatusBadge user={u} />
                  </span>
                  {u.username === me.username ? <span className="text-xs text-slate-500 dark:text-slate-400">you</span> : null}
                </span>
              </Td>
              <Td className="hidden sm:table-cell">
                <UserStatusBadge user={u} />
              </Td>
              <Td>
                {u.policies.length === 0 ? (
                  <span className="text-slate-500 dark:text-slate-400">none</span>
                ) : (
                  <span className="flex flex-wrap gap-1">
                    {u.policies.map((p) => (
                      <Badge key={p}>{p}</Badge>
                    ))}
                  </span>
                )}
              </Td>
              <Td className="hidden whitespace-nowrap text-slate-600 md:table-cell dark:text-slate-400">
                {describeNamespaceLimit(u.namespaceLimit, u.isAdmin, defaultLimit)}
              </Td>
              <Td className="hidden whitespace-nowrap text-slate-600 lg:table-cell dark:text-slate-400">
                <RelativeTime iso={u.createdAt} />
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {others.length === 0 ? (
        <EmptyState icon={<UsersIcon className="size-5" />} title="No other users yet" className="mt-6" action={newUser}>
          Create a sub-account for each person or CI system that pushes or pulls, then attach policies or grant them access to namespaces and repositories.
        </EmptyState>
      ) : null}
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} defaultLimit={defaultLimit} />
    </>
  );
}
