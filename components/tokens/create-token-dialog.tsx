'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { apiFieldErrors, errorMessage, zodFieldErrors, type FieldErrors } from '@/lib/client/field-errors';
import { listNamespaces } from '@/lib/client/namespaces-api';
import { queryKeys } from '@/lib/client/query-keys';
import { createTokenSchema, MAX_TOKEN_NAMESPACES, type CreatedTokenDto } from '@/lib/schemas/tokens';
import { Button } from '@/components/ui/button';
import { DialogActions, DialogFormActions } from '@/components/ui/dialog';
import { ShowOnceDialog } from '@/components/ui/show-once-dialog';
import { TextField, fieldDescribedBy } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { Switch } from '@/components/ui/switch';
import { auditKeys } from '@/lib/client/audit-api';
import { createToken, tokenKeys } from '@/lib/client/tokens-api';
import { TokenSecretPanel } from './token-secret-panel';

const DEFAULT_DAYS = '90';

/** Creates an access token, then shows its secret once in the same dialog. */
export function CreateTokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <ShowOnceDialog<CreatedTokenDto>
      open={open}
      onClose={onClose}
      title={(created) => (created ? 'Access token created' : 'New access token')}
      formDescription="For registry clients and scripts: use it instead of your password, and revoke it when it is no longer needed."
      form={(onCreated, onCancel) => <CreateTokenForm onCancel={onCancel} onCreated={onCreated} />}
      result={(created, close) => (
        <>
          <TokenSecretPanel created={created} />
          <DialogActions>
            <Button variant="primary" onClick={close}>
              I have copied it
            </Button>
          </DialogActions>
        </>
      )}
    />
  );
}

function CreateTokenForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (t: CreatedTokenDto) => void }) {
  const queryClient = useQueryClient();
  const namespaces = useQuery({ queryKey: queryKeys.namespaces.list(), queryFn: ({ signal }) => listNamespaces(signal) });
  const [name, setName] = useState('');
  const [expires, setExpires] = useState(true);
  const [days, setDays] = useState(DEFAULT_DAYS);
  const [readOnly, setReadOnly] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});

  const create = useMutation({
    mutationFn: createToken,
    onSuccess: async (created) => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: tokenKeys.all }), queryClient.invalidateQueries({ queryKey: auditKeys.all })]);
      onCreated(created);
    },
    onError: (err) => setErrors(apiFieldErrors(err)),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const dayCount = Number(days);
    // An empty or non-numeric field reaches the schema as NaN, whose message is about types, not days.
    const daysMissing = expires && (days.trim() === '' || !Number.isFinite(dayCount));
    const parsed = createTokenSchema.safeParse({
      name,
      expiresInDays: expires ? dayCount : null,
      readOnly,
      namespaces: chosen,
    });
    if (!parsed.success || daysMissing) {
      const found = parsed.success ? {} : zodFieldErrors(parsed.error);
      if (daysMissing) found.expiresInDays = 'enter a number of days';
      setErrors(found);
      return;
    }
    setErrors({});
    create.mutate(parsed.data);
  }

  const toggle = (ns: string, on: boolean) => setChosen((list) => (on ? [...list, ns] : list.filter((n) => n !== ns)));
  const otherError = create.error && Object.keys(apiFieldErrors(create.error)).length === 0 ? errorMessage(create.error) : null;
  const daysError = errors.expiresInDays;

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <TextField
        id="token-name"
        label="Name"
        hint="What it is for, e.g. the CI job or machine that uses it."
        error={errors.name}
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={100}
        autoComplete="off"
      />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">Expiry</legend>
        <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="token-expiry" checked={expires} onChange={() => setExpires(true)} className="size-4 accent-teal-700" />
            Expires after
          </label>
          <span className="flex items-center gap-2">
            <Input
              id="token-days"
              type="number"
              inputMode="numeric"
              min={1}
              max={365}
              value={days}
              disabled={!expires}
              onChange={(e) => setDays(e.target.value)}
              className="max-w-24"
              aria-label="Days until the token expires"
              aria-invalid={!!daysError || undefined}
              aria-describedby={fieldDescribedBy('token-days', { error: !!daysError })}
            />
            <span className="whitespace-nowrap text-slate-600 dark:text-slate-400">days (1–365)</span>
          </span>
          <label className="flex items-center gap-2">
            <input type="radio" name="token-expiry" checked={!expires} onChange={() => setExpires(false)} className="size-4 accent-teal-700" />
            Never expires
          </label>
        </div>
        {daysError ? (
          <p id="token-days-error" role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
            {daysError}
          </p>
        ) : null}
      </fieldset>
      <div className="flex items-start justify-between gap-4 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
        <div>
          <p id="token-ro-label" className="text-sm font-medium text-slate-800 dark:text-slate-200">
            Read-only
          </p>
          <p id="token-ro-hint" className="text-sm text-slate-600 dark:text-slate-400">
            Can pull and list, but not push, delete or change anything.
          </p>
        </div>
        <Switch checked={readOnly} onChange={setReadOnly} aria-labelledby="token-ro-label" aria-describedby="token-ro-hint" />
      </div>
      <fieldset aria-describedby="token-ns-hint">
        <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">Namespaces</legend>
        <p id="token-ns-hint" className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
          Limit the token to some namespaces, or leave all unticked for every namespace you can reach (at most {MAX_TOKEN_NAMESPACES}).
        </p>
        {namespaces.isPending ? (
          <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">Loading namespaces…</p>
        ) : namespaces.isError ? (
          <Notice tone="error" className="mt-2">
            Could not load your namespaces: {errorMessage(namespaces.error)}
          </Notice>
        ) : namespaces.data.items.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">You cannot reach any namespace yet; the token will reach those you can later.</p>
        ) : (
          <ul className="mt-2 grid max-h-40 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2 dark:border-slate-800">
            {namespaces.data.items.map((ns) => (
              <li key={ns.id}>
                <label className="flex items-center gap-2 rounded px-1.5 py-1 text-sm hover:bg-slate-50 dark:hover:bg-slate-800/60">
                  <input
                    type="checkbox"
                    checked={chosen.includes(ns.name)}
                    onChange={(e) => toggle(ns.name, e.target.checked)}
                    className="size-4 accent-teal-700"
                  />
                  <span className="truncate font-mono">{ns.name}</span>
                </label>
              </li>
            ))}
          </ul>
        )}
        {errors.namespaces ? (
          <p role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
            {errors.namespaces}
          </p>
        ) : null}
      </fieldset>
      {otherError ? <Notice tone="error">{otherError}</Notice> : null}
      <DialogFormActions submitLabel="Create token" pending={create.isPending} onCancel={onCancel} />
    </form>
  );
}
