'use client';

import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { apiFieldErrors, errorMessage } from '@/lib/client/field-errors';
import type { PermissionDto, PermissionLevelValue, PermissionListDto } from '@/lib/schemas/permissions';
import { permissionLevelSchema } from '@/lib/schemas/permissions';
import { usernameSchema } from '@/lib/schemas/users';
import { Badge } from '@/components/ui/badge';
import { Button, IconButton } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, fieldDescribedBy } from '@/components/ui/field';
import { useConsoleUser } from '@/components/shell/console-context';
import { UsernameCombobox } from './username-combobox';
import { TrashIcon, UsersIcon } from '@/components/ui/icons';
import { Options, Select } from '@/components/ui/input';
import { RelativeTime } from '@/components/ui/relative-time';
import { TableSkeleton } from '@/components/ui/skeleton';
import { ACTIONS_COLUMN, HeaderRow, Table, TBody, Td, Tr } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { QueryFallback } from '@/components/ui/query-view';

export const LEVEL_DESCRIPTIONS: Record<PermissionLevelValue, string> = {
  read: 'Read: see and pull',
  write: 'Write: also push',
  admin: 'Admin: also delete, edit and manage access',
};

const LEVELS = permissionLevelSchema.options;

export interface PermissionsApi {
  queryKey: QueryKey;
  list: (signal?: AbortSignal) => Promise<PermissionListDto>;
  set: (username: string, level: PermissionLevelValue) => Promise<PermissionDto>;
  revoke: (username: string) => Promise<void>;
  /** Keys to refresh besides the list (a grant changes what the grantee sees, not what we see, so usually none). */
  alsoInvalidate?: QueryKey[];
}

/** Who holds which level on a namespace or a repository: grant by username, change the level, revoke. */
export function PermissionsEditor({
  api,
  subject,
  initialData,
  fixedRows,
  emptyHint,
}: {
  api: PermissionsApi;
  /** "this namespace", "this repository". */
  subject: string;
  initialData?: PermissionListDto;
  /** Access held without a grant (the namespace owner), shown first and not editable. */
  fixedRows?: Array<{ username: string; note: ReactNode }>;
  emptyHint: ReactNode;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: api.queryKey, queryFn: ({ signal }) => api.list(signal), initialData });
  const [revoking, setRevoking] = useState<string | null>(null);

  const invalidate = async () => {
    await Promise.all([api.queryKey, ...(api.alsoInvalidate ?? [])].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  };
  const change = useMutation({
    mutationFn: ({ username, level }: { username: string; level: PermissionLevelValue }) => api.set(username, level),
    onSuccess: async (p) => {
      await invalidate();
      toast(`${p.username} now has ${p.level} access`);
    },
    onError: (err) => toast(errorMessage(err), 'error'),
  });
  const revoke = useMutation({
    mutationFn: (username: string) => api.revoke(username),
    onSuccess: async (_, username) => {
      await invalidate();
      setRevoking(null);
      toast(`Access of ${username} to ${subject} revoked`);
    },
  });

  const items = query.data?.items ?? [];
  const fixed = (fixedRows ?? []).filter((f) => !items.some((i) => i.username === f.username));

  return (
    <div className="space-y-5">
      <GrantForm api={api} subject={subject} onGranted={invalidate} existing={items.map((i) => i.username)} />
      {query.data === undefined ? (
        <QueryFallback query={query} loading={<TableSkeleton rows={2} label="Loading access" />} errorTitle="Could not load who has access" />
      ) : items.length === 0 && fixed.length === 0 ? (
        <div className="flex items-center gap-3 rounded-lg border border-dashed border-slate-300 px-4 py-5 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          <UsersIcon className="size-5 text-slate-500 dark:text-slate-400" />
          <p>{emptyHint}</p>
        </div>
      ) : (
        <Table label={`Users with access to ${subject}`}>
          <HeaderRow columns={['User', 'Level', { label: 'Granted', className: 'hidden sm:table-cell' }, ACTIONS_COLUMN]} />
          <TBody>
            {fixed.map((f) => (
              <Tr key={`fixed-${f.username}`}>
                <Td className="whitespace-nowrap font-medium">{f.username}</Td>
                <Td>
                  <Badge tone="teal">admin</Badge>
                </Td>
                <Td className="hidden text-slate-600 sm:table-cell dark:text-slate-400">{f.note}</Td>
                <Td />
              </Tr>
            ))}
            {items.map((p) => (
              <Tr key={p.username}>
                <Td className="whitespace-nowrap font-medium">{p.username}</Td>
                <Td>
                  <label className="sr-only" htmlFor={`level-${p.username}`}>
                    Level of {p.username}
                  </label>
                  <Select
                    id={`level-${p.username}`}
                    value={p.level}
                    className="h-8 w-auto min-w-28"
                    disabled={change.isPending && change.variables?.username === p.username}
                    onChange={(e) => change.mutate({ username: p.username, level: e.target.value as PermissionLevelValue })}
                  >
                    <Options values={LEVELS} />
                  </Select>
                </Td>
                <Td className="hidden whitespace-nowrap text-slate-600 sm:table-cell dark:text-slate-400">
                  <RelativeTime iso={p.createdAt} />
                </Td>
                <Td className="text-right">
                  <IconButton
                    label={`Revoke access of ${p.username}`}
                    onClick={() => {
                      revoke.reset();
                      setRevoking(p.username);
                    }}
                    className="hover:text-red-600 dark:hover:text-red-400"
                  >
                    <TrashIcon />
                  </IconButton>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke access of ${revoking ?? ''}?`}
        description={`${revoking ?? ''} loses the access this grant gave to ${subject}, from their next request on. Access they hold another way stays.`}
        confirmLabel="Revoke access"
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : null}
        onConfirm={() => revoking && revoke.mutate(revoking)}
      />
    </div>
  );
}

function GrantForm({ api, subject, onGranted, existing }: { api: PermissionsApi; subject: string; onGranted: () => Promise<void>; existing: string[] }) {
  const toast = useToast();
  // Listing users is the administrators' (cr:ManageUser); others type the name without suggestions.
  const mayListUsers = useConsoleUser().isAdmin;
  const [username, setUsername] = useState('');
  const [level, setLevel] = useState<PermissionLevelValue>('read');
  const [error, setError] = useState<string | undefined>();
  const grant = useMutation({
    mutationFn: () => api.set(username.trim(), level),
    onSuccess: async (p) => {
      await onGranted();
      setUsername('');
      toast(`${p.username} was granted ${p.level} access to ${subject}`);
    },
    onError: (err) => setError(apiFieldErrors(err).username ?? errorMessage(err)),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = usernameSchema.safeParse(username.trim());
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setError(undefined);
    grant.mutate();
  }

  const updating = existing.includes(username.trim());
  return (
    <form onSubmit={submit} noValidate aria-label={`Grant access to ${subject}`} className="flex flex-col gap-3 sm:flex-row sm:items-start">
      <Field id="grant-username" label="Username" error={error} className="flex-1">
        <UsernameCombobox
          id="grant-username"
          suggest={mayListUsers}
          value={username}
          onValueChange={(v) => {
            setUsername(v);
            setError(undefined);
          }}
          placeholder="e.g. alice"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={!!error || undefined}
          aria-describedby={fieldDescribedBy('grant-username', { error: !!error })}
        />
      </Field>
      <Field id="grant-level" label="Level" className="sm:w-72">
        <Select id="grant-level" value={level} onChange={(e) => setLevel(e.target.value as PermissionLevelValue)}>
          <Options values={LEVELS} label={(l) => LEVEL_DESCRIPTIONS[l]} />
        </Select>
      </Field>
      <div className="sm:pt-6.5">
        <Button type="submit" variant="primary" pending={grant.isPending} className="w-full sm:w-auto">
          {updating ? 'Change level' : 'Grant access'}
        </Button>
      </div>
    </form>
  );
}
