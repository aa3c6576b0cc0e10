'use client';

import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ACTIONS } from '@/lib/access/actions';
import { zodFieldErrors, type FieldErrors } from '@/lib/client/field-errors';
import { listNamespaces } from '@/lib/client/namespaces-api';
import { queryKeys } from '@/lib/client/query-keys';
import { auditQuerySchema } from '@/lib/schemas/audit';
import { Button } from '@/components/ui/button';
import { Field, TextField, fieldDescribedBy } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { EMPTY_AUDIT_FILTERS, type AuditFilters } from '@/lib/client/audit-api';

// Actions recorded besides the authorization actions.
const AUTH_ACTIONS = ['auth:SignIn', 'auth:CreateAccessToken', 'auth:RevokeAccessToken'];

/** The filter form: applied on submit (checked with the API's own query schema), cleared in one go. */
export function AuditFilterForm({ value, onApply }: { value: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const [draft, setDraft] = useState(value);
  const [errors, setErrors] = useState<FieldErrors>({});
  const namespaces = useQuery({ queryKey: queryKeys.namespaces.list(), queryFn: ({ signal }) => listNamespaces(signal) });
  const set = (key: keyof AuditFilters) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const trimmed = Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v.trim()])) as unknown as AuditFilters;
    const parsed = auditQuerySchema.safeParse(Object.fromEntries(Object.entries(trimmed).filter(([, v]) => v !== '')));
    const found = parsed.success ? {} : zodFieldErrors(parsed.error);
    if (parsed.success && parsed.data.from && parsed.data.to && parsed.data.from.getTime() > parsed.data.to.getTime()) found.to = 'must not be before the start date';
    setErrors(found);
    if (Object.keys(found).length === 0) onApply(trimmed);
  }

  function clear() {
    setDraft(EMPTY_AUDIT_FILTERS);
    setErrors({});
    onApply(EMPTY_AUDIT_FILTERS);
  }

  // On a phone, text filters take the full width and the short ones (outcome, dates) go two abreast.
  const text = (key: keyof AuditFilters, label: string, props: { list?: string; placeholder?: string } = {}) => (
    <Field id={`audit-${key}`} label={label} error={errors[key]} className="col-span-2 sm:col-span-1">
      <Input
        id={`audit-${key}`}
        value={draft[key]}
        onChange={set(key)}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        aria-invalid={!!errors[key] || undefined}
        aria-describedby={fieldDescribedBy(`audit-${key}`, { error: !!errors[key] })}
        {...props}
      />
    </Field>
  );

  const date = (key: 'from' | 'to', label: string) => (
    <TextField
      id={`audit-${key}`}
      label={label}
      error={errors[key]}
      type="date"
      value={draft[key]}
      onChange={set(key)}
    />
  );

  return (
    <form
      role="search"
      aria-label="Filter audit events"
      onSubmit={submit}
      noValidate
      className="mb-5 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {text('actor', 'Actor', { placeholder: 'username' })}
        {text('action', 'Action', { list: 'audit-actions', placeholder: 'cr:PushRepository' })}
        <Field id="audit-outcome" label="Outcome" className="col-span-2 sm:col-span-1">
          <Select id="audit-outcome" value={draft.outcome} onChange={set('outcome')}>
            <option value="">Any outcome</option>
            <option value="allowed">Allowed</option>
            <option value="denied">Denied</option>
            <option value="failed">Failed</option>
          </Select>
        </Field>
        {text('namespace', 'Namespace', { list: 'audit-namespaces' })}
        {text('resource', 'Resource contains', { placeholder: 'repository/team/app' })}
        {date('from', 'From')}
        {date('to', 'To')}
        <div className="col-span-2 flex items-end gap-2 sm:col-span-1">
          <Button type="submit" variant="primary" className="flex-1 sm:flex-none">
            Filter
          </Button>
          <Button onClick={clear}>Clear</Button>
        </div>
      </div>
      <datalist id="audit-actions">
        {[...ACTIONS, ...AUTH_ACTIONS].map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <datalist id="audit-namespaces">
        {namespaces.data?.items.map((n) => <option key={n.id} value={n.name} />)}
      </datalist>
    </form>
  );
}
