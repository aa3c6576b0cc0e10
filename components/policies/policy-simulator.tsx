'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ACTIONS } from '@/lib/access/actions';
import { isApiError } from '@/lib/client/api-fetch';
import { apiFieldErrors, errorMessage, parseFormFields, type FieldErrors } from '@/lib/client/field-errors';
import { simulateAccessSchema, type SimulateAccessInput, type SimulationDto } from '@/lib/schemas/policies';
import { Badge } from '@/components/ui/badge';
import { SubmitRow } from '@/components/ui/button';
import { Card, CardBody } from '@/components/ui/card';
import { Field, TextField, fieldDescribedBy } from '@/components/ui/field';
import { CheckIcon, XIcon } from '@/components/ui/icons';
import { Input, Options, Select } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { cn } from '@/components/ui/cn';
import { listUsers, userKeys } from '@/lib/client/users-api';
import { simulateAccess } from '@/lib/client/policies-api';
import { PolicyTabs } from './policy-tabs';

type Match = SimulationDto['matched'][number];

const GRANT_SOURCES: Record<Extract<Match, { kind: 'grant' }>['source'], string> = {
  admin: 'Installation administrator',
  owner: 'Namespace owner',
  namespace: 'Namespace permission',
  repository: 'Repository permission',
  public: 'Public repository',
};

const REASONS: Record<SimulationDto['reason'], string> = {
  allowed: 'Allowed',
  'explicit-deny': 'Denied by an explicit Deny',
  'implicit-deny': 'Denied: nothing allows it',
};

/** "Can user U do action A on resource R?", answered by the evaluator every request goes through. */
export function PolicySimulator({ resourcePrefix }: { resourcePrefix: string }) {
  const params = useSearchParams();
  const [form, setForm] = useState({
    username: params.get('username') ?? '',
    action: params.get('action') ?? 'cr:PullRepository',
    resource: params.get('resource') ?? `${resourcePrefix}repository/`,
  });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const users = useQuery({ queryKey: userKeys.list(), queryFn: ({ signal }) => listUsers(signal) });
  const run = useMutation({
    mutationFn: (data: SimulateAccessInput) => simulateAccess(data),
    // The only thing a simulation can miss is the user.
    onError: (err) => setFieldErrors(isApiError(err, 404) ? { username: 'no such user' } : apiFieldErrors(err)),
  });

  function set<K extends keyof typeof form>(key: K, value: string) {
    setForm((f) => ({ ...f, [key]: value }));
    if (fieldErrors[key]) setFieldErrors((e) => ({ ...e, [key]: undefined }));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const data = parseFormFields(simulateAccessSchema, { ...form, username: form.username.trim(), resource: form.resource.trim() }, setFieldErrors);
    if (data) run.mutate(data);
    else run.reset();
  }

  const otherError = run.error && !isApiError(run.error, 404) && Object.keys(apiFieldErrors(run.error)).length === 0 ? errorMessage(run.error) : null;

  return (
    <>
      <PageHeader title="Policies" description="Try what a user may do before they try it: the answer comes from the same rules every request is checked against." />
      <PolicyTabs />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <Card>
          <CardBody>
            <form onSubmit={submit} noValidate className="space-y-4" aria-label="Simulate access">
              <Field id="sim-username" label="User" error={fieldErrors.username}>
                <Input
                  id="sim-username"
                  list="sim-users"
                  value={form.username}
                  onChange={(e) => set('username', e.target.value)}
                  autoComplete="off"
                  autoCapitalize="none"
                  spellCheck={false}
                  className="font-mono"
                  aria-invalid={!!fieldErrors.username || undefined}
                  aria-describedby={fieldDescribedBy('sim-username', { error: !!fieldErrors.username })}
                />
                <datalist id="sim-users">
                  {users.data?.map((u) => <option key={u.id} value={u.username} />)}
                </datalist>
              </Field>
              <Field id="sim-action" label="Action" error={fieldErrors.action}>
                <Select
                  id="sim-action"
                  value={form.action}
                  onChange={(e) => set('action', e.target.value)}
                  className="font-mono"
                  aria-invalid={!!fieldErrors.action || undefined}
                  aria-describedby={fieldDescribedBy('sim-action', { error: !!fieldErrors.action })}
                >
                  <Options values={ACTIONS} />
                </Select>
              </Field>
              <TextField
                id="sim-resource"
                label="Resource"
                error={fieldErrors.resource}
                hint={
                  <>
                    One resource, such as <code className="break-all font-mono">{resourcePrefix}repository/team/app</code>,{' '}
                    <code className="break-all font-mono">{resourcePrefix}namespace/team</code> or{' '}
                    <code className="break-all font-mono">{resourcePrefix}instance</code> (users, policies, audit).
                  </>
                }
                value={form.resource}
                onChange={(e) => set('resource', e.target.value)}
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                inputClassName="font-mono"
              />
              {otherError ? <Notice tone="error">{otherError}</Notice> : null}
              <SubmitRow pending={run.isPending}>Simulate</SubmitRow>
            </form>
          </CardBody>
        </Card>
        <div aria-live="polite">
          {run.data ? (
            <SimulationResult result={run.data} asked={run.variables!} />
          ) : (
            <div className="rounded-lg border border-dashed border-slate-300 px-6 py-10 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
              Pick a user, an action and a resource, then <strong className="font-medium">Simulate</strong> to see whether it is allowed, and by which
              grant or statement.
            </div>
          )}
        </div>
      </div>
    </>
  );
}

function SimulationResult({ result, asked }: { result: SimulationDto; asked: SimulateAccessInput }) {
  const allow = result.decision === 'allow';
  return (
    <section
      aria-label="Simulation result"
      data-testid="simulation-result"
      className={cn(
        'rounded-lg border p-5',
        allow ? 'border-emerald-200 bg-emerald-50/60 dark:border-emerald-900 dark:bg-emerald-950/30' : 'border-red-200 bg-red-50/60 dark:border-red-900 dark:bg-red-950/30',
      )}
    >
      <div className="flex items-center gap-3">
        <span
          className={cn(
            'flex size-9 items-center justify-center rounded-full',
            allow ? 'bg-emerald-600 text-white dark:bg-emerald-500' : 'bg-red-600 text-white dark:bg-red-500',
          )}
        >
          {allow ? <CheckIcon className="size-5" /> : <XIcon className="size-5" />}
        </span>
        <div>
          <p className="text-lg font-semibold text-slate-900 dark:text-slate-50">{allow ? 'Allow' : 'Deny'}</p>
          <p className="text-sm text-slate-700 dark:text-slate-300">{REASONS[result.reason]}</p>
        </div>
      </div>
      <p className="mt-3 break-words text-sm text-slate-700 dark:text-slate-300">
        <span className="font-medium">{asked.username}</span> · <code className="font-mono">{asked.action}</code> ·{' '}
        <code className="break-all font-mono">{asked.resource}</code>
      </p>
      <p className="mt-2 text-sm text-slate-800 dark:text-slate-200">{result.explanation}</p>
      {!result.resourceExists ? (
        <Notice tone="info" className="mt-3">
          This resource does not exist, so no owner, member or public grant applies to it: only policies and the administrator grant count.
        </Notice>
      ) : null}
      {result.matched.length > 0 ? (
        <>
          <h3 className="mt-4 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
            {allow ? 'Allowed by' : 'Denied by'}
          </h3>
          <ul className="mt-1.5 space-y-1.5" aria-label="Matched grants and statements">
            {result.matched.map((m, i) => (
              <li key={i} className="flex flex-wrap items-center gap-2 text-sm">
                {m.kind === 'policy' ? (
                  <>
                    <Badge tone={m.effect === 'Allow' ? 'green' : 'red'}>{m.effect}</Badge>
                    <span>
                      Policy{' '}
                      <Link href={`/policies/${encodeURIComponent(m.policy)}`} className="font-medium text-teal-800 hover:underline dark:text-teal-300">
                        {m.policy}
                      </Link>
                      , statement <code className="font-mono">Statement[{m.statementIndex}]</code>
                    </span>
                  </>
                ) : (
                  <>
                    <Badge tone="blue">grant</Badge>
                    <span>
                      {GRANT_SOURCES[m.source]}
                      {m.level && m.source !== 'admin' ? ` (${m.level})` : ''}
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
