'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TokenDto, TokenStatus } from '@/lib/schemas/tokens';
import { ErrorState } from '@/components/ui/error-state';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { KeyIcon, PlusIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { TableSkeleton } from '@/components/ui/skeleton';
import { ACTIONS_COLUMN, Table, TBody, Td, HeaderRow, Tr } from '@/components/ui/table';
import { useConfirmedItemMutation } from '@/components/ui/use-confirmed-item-mutation';
import { auditKeys } from '@/lib/client/audit-api';
import { CreateTokenDialog } from './create-token-dialog';
import { listTokens, revokeToken, tokenKeys } from '@/lib/client/tokens-api';

const STATUS_TONE: Record<TokenStatus, 'green' | 'amber' | 'neutral'> = { active: 'green', expired: 'amber', revoked: 'neutral' };

export function TokenList({ initial }: { initial: TokenDto[] }) {
  const [creating, setCreating] = useState(false);
  const query = useQuery({ queryKey: tokenKeys.list(), queryFn: ({ signal }) => listTokens(signal), initialData: initial });
  const revoke = useConfirmedItemMutation({
    run: (token: TokenDto) => revokeToken(token.id),
    invalidate: [tokenKeys.all, auditKeys.all],
    done: (token) => `Token ${token.name} revoked`,
  });
  const tokens = query.data;
  const newToken = (label: string) => (
    <Button variant="primary" onClick={() => setCreating(true)}>
      <PlusIcon />
      {label}
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Access tokens"
        description="Personal tokens for registry clients and scripts: they act as you, within the limits you set, and can be revoked one by one."
        actions={tokens.length > 0 ? newToken('New token') : undefined}
      />
      {query.isError ? <ErrorState title="Could not refresh your tokens" error={query.error} onRetry={query.refetch} className="mb-4" /> : null}
      {query.isPending ? (
        <TableSkeleton label="Loading access tokens" />
      ) : tokens.length === 0 ? (
        <EmptyState icon={<KeyIcon className="size-5" />} title="No access tokens yet" action={newToken('Create a token')}>
          Create a token for each CI job or machine that pushes or pulls, and log in with it instead of your password. You can limit it to reading, or to some
          namespaces, and revoke it at any time.
        </EmptyState>
      ) : (
        <Table label="Access tokens">
          <HeaderRow
            columns={[
              'Name',
              'Status',
              { label: 'Access', className: 'hidden md:table-cell' },
              { label: 'Last used', className: 'hidden sm:table-cell' },
              { label: 'Expires', className: 'hidden lg:table-cell' },
              { label: 'Created', className: 'hidden lg:table-cell' },
              ACTIONS_COLUMN,
            ]}
          />
          <TBody>
            {tokens.map((t) => (
              <Tr key={t.id} data-testid={`token-row-${t.name}`}>
                <Td>
                  <p className="font-medium">{t.name}</p>
                  <p className="font-mono text-xs text-slate-500 dark:text-slate-400" title="The start of the secret, to tell tokens apart">
                    {t.prefix}…
                  </p>
                </Td>
                <Td>
                  <Badge tone={STATUS_TONE[t.status]}>{t.status}</Badge>
                </Td>
                <Td className="hidden text-slate-600 md:table-cell dark:text-slate-400">
                  <p>{t.readOnly ? 'Read-only' : 'Read and write'}</p>
                  <p className="text-xs">{t.namespaces.length ? t.namespaces.join(', ') : 'all your namespaces'}</p>
                </Td>
                <Td className="hidden whitespace-nowrap text-slate-600 sm:table-cell dark:text-slate-400">
                  {t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : 'never'}
                </Td>
                <Td className="hidden whitespace-nowrap text-slate-600 lg:table-cell dark:text-slate-400">
                  {t.revokedAt ? (
                    <>
                      revoked <RelativeTime iso={t.revokedAt} />
                    </>
                  ) : t.expiresAt ? (
                    <RelativeTime iso={t.expiresAt} />
                  ) : (
                    'never'
                  )}
                </Td>
                <Td className="hidden whitespace-nowrap text-slate-600 lg:table-cell dark:text-slate-400">
                  <RelativeTime iso={t.createdAt} />
                </Td>
                <Td className="text-right">
                  {t.status === 'active' ? (
                    <Button size="sm" onClick={() => revoke.ask(t)} aria-label={`Revoke token ${t.name}`}>
                      Revoke
                    </Button>
                  ) : null}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        {...revoke.dialog}
        title={`Revoke token ${revoke.target?.name ?? ''}?`}
        description="Every client using it is refused from its next request. This cannot be undone; create a new token if you need one again."
        confirmLabel="Revoke token"
      />
    </>
  );
}
