'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/client/api-fetch';
import { errorMessage } from '@/lib/client/field-errors';
import { queryKeys } from '@/lib/client/query-keys';
import { createWebhook, updateWebhook, type WebhookScope } from '@/lib/client/webhooks-api';
import type { WebhookDto } from '@/lib/schemas/webhooks';
import { WEBHOOK_EVENTS } from '@/lib/webhooks/event-types';
import { DialogFormActions } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { Notice } from '@/components/ui/notice';
import { eventHint, eventLabel } from './describe-webhook';
import { ErrorLine, HeadersField, Radio, SecretField, TriggerFields } from './webhook-form-fields';
import { checkForm, initialFormState, serverErrors, touchKey, type FormErrors, type WebhookFormState } from './webhook-form-state';

const LEGEND = 'text-sm font-medium text-slate-800 dark:text-slate-200';

/** Where focus goes when a submit finds errors: the first invalid field, in the order the form shows them. */
const FIELD_ORDER: Array<[RegExp, (key: string) => string]> = [
  [/^name$/, () => 'webhook-name'],
  [/^url$/, () => 'webhook-url'],
  [/^trigger\.pattern$/, () => 'webhook-pattern'],
  [/^trigger\.tags$/, () => 'webhook-tags'],
  [/^events$/, () => 'webhook-event-0'],
  [/^secret$/, () => 'webhook-secret'],
  [/^headers\.\d+\.(name|value)$/, (k) => `webhook-header-${k.split('.')[1]}-${k.split('.')[2]}`],
  [/^headers$/, () => 'webhook-header-add'],
];

function firstInvalidId(errors: FormErrors): string | null {
  for (const [re, id] of FIELD_ORDER) {
    const key = Object.keys(errors).find((k) => errors[k] && re.test(k));
    if (key) return id(key);
  }
  return null;
}

/**
 * Creates a webhook (`webhook` absent) or edits one. Fields are checked as they are typed with the schema the API
 * parses with; what the server still refuses is shown beside the same field.
 */
export function WebhookForm({ scope, webhook, onSaved, onCancel }: { scope: WebhookScope; webhook?: WebhookDto; onSaved: (w: WebhookDto) => void; onCancel: () => void }) {
  const queryClient = useQueryClient();
  const editing = webhook !== undefined;
  const [state, setState] = useState<WebhookFormState>(() => initialFormState(webhook));
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<FormErrors>({});
  const checked = useMemo(() => checkForm(state, editing), [state, editing]);
  const local = checked.ok ? {} : checked.errors;

  const save = useMutation({
    mutationFn: async (c: Exclude<typeof checked, { ok: false }>) =>
      c.mode === 'update' ? updateWebhook(scope, webhook!.id, c.data) : createWebhook(scope, c.data),
    onSuccess: async (saved) => {
      queryClient.setQueryData(queryKeys.webhooks.detail(scope, saved.id), saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.list(scope) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.allEvents }),
      ]);
      onSaved(saved);
    },
    onError: (err) => {
      if (err instanceof ApiError) {
        const placed = serverErrors(err.fields, state);
        setServer(placed);
        const id = firstInvalidId(placed);
        if (id) document.getElementById(id)?.focus();
      }
    },
  });

  /** Changes fields, marks them edited, and drops the server's verdict on them. */
  function change(patch: Partial<WebhookFormState>, keys: string[]) {
    setState((s) => ({ ...s, ...patch }));
    setTouched((t) => new Set([...t, ...keys]));
    setServer((errs) => Object.fromEntries(Object.entries(errs).filter(([k]) => !keys.includes(touchKey(k)) && !keys.some((p) => k.startsWith(`${p}.`)))));
  }

  const errorFor = (key: string): string | undefined => server[key] ?? (submitted || touched.has(touchKey(key)) ? local[key] : undefined);
  const headerErrors = Object.fromEntries(
    [...Object.keys(local), ...Object.keys(server)].filter((k) => k.startsWith('headers')).map((k) => [k, errorFor(k)]),
  ) as FormErrors;

  function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setServer({});
    if (!checked.ok) {
      const id = firstInvalidId(checked.errors);
      if (id) document.getElementById(id)?.focus();
      return;
    }
    save.mutate(checked);
  }

  const err = save.error;
  const claimed = err instanceof ApiError && err.fields.length > 0 && Object.keys(server).some((k) => k !== '(body)');
  const otherError = err && !claimed ? errorMessage(err) : (server['(body)'] ?? local['(body)'] ?? null);
  const nameError = errorFor('name');
  const urlError = errorFor('url');
  const eventsError = errorFor('events');
  const formatError = errorFor('format');

  return (
    <form onSubmit={submit} noValidate className="space-y-5" aria-label={editing ? `Edit webhook ${webhook.name}` : 'New webhook'}>
      <TextField
        id="webhook-name"
        label="Name"
        hint="What it is for, e.g. the deploy job it starts."
        error={nameError}
        value={state.name}
        onChange={(e) => change({ name: e.target.value }, ['name'])}
        maxLength={100}
        autoComplete="off"
      />
      <TextField
        id="webhook-url"
        label="Payload URL"
        hint="Berth sends an HTTP POST here for each event (http or https)."
        error={urlError}
        type="url"
        inputMode="url"
        value={state.url}
        onChange={(e) => change({ url: e.target.value }, ['url'])}
        placeholder="https://ci.example.com/hooks/berth"
        autoComplete="off"
        spellCheck={false}
        inputClassName="font-mono"
      />
      <TriggerFields
        kind={state.triggerKind}
        pattern={state.pattern}
        tagsText={state.tagsText}
        errors={{ pattern: errorFor('trigger.pattern'), tags: errorFor('trigger.tags') }}
        onKind={(triggerKind) => change({ triggerKind }, ['trigger'])}
        onPattern={(pattern) => change({ pattern }, ['trigger.pattern'])}
        onTags={(tagsText) => change({ tagsText }, ['trigger.tags'])}
      />
      <fieldset className="space-y-1.5" aria-describedby={eventsError ? 'webhook-events-error' : undefined}>
        <legend className={LEGEND}>Events</legend>
        {WEBHOOK_EVENTS.map((type, i) => (
          <label key={type} className="flex items-start gap-2 text-sm">
            <input
              id={`webhook-event-${i}`}
              type="checkbox"
              checked={state.events.includes(type)}
              onChange={(e) => change({ events: e.target.checked ? [...state.events, type] : state.events.filter((t) => t !== type) }, ['events'])}
              className="mt-0.5 size-4 accent-teal-700"
            />
            <span>
              {eventLabel(type)}
              {eventHint(type) ? <span className="block text-xs text-slate-500 dark:text-slate-400">{eventHint(type)}</span> : null}
            </span>
          </label>
        ))}
        <ErrorLine id="webhook-events-error" error={eventsError} />
      </fieldset>
      <SecretField
        editing={editing}
        hasSecret={webhook?.hasSecret ?? false}
        mode={state.secretMode}
        secret={state.secret}
        error={errorFor('secret')}
        onMode={(secretMode) => change({ secretMode, secret: '' }, [])}
        onSecret={(secret) => change({ secret }, ['secret'])}
      />
      <HeadersField rows={state.headers} errors={headerErrors} onChange={(headers) => change({ headers }, ['headers'])} />
      <fieldset className="space-y-1.5">
        <legend className={LEGEND}>Payload format</legend>
        <Radio name="webhook-format" checked={state.format === 'default'} onChange={() => change({ format: 'default' }, ['format'])} hint="Berth's JSON: event, repository, pushData.">
          Default JSON
        </Radio>
        <Radio
          name="webhook-format"
          checked={state.format === 'cloudevents'}
          onChange={() => change({ format: 'cloudevents' }, ['format'])}
          hint="CloudEvents 1.0, structured mode (application/cloudevents+json)."
        >
          CloudEvents
        </Radio>
        <ErrorLine error={formatError} />
      </fieldset>
      {otherError ? <Notice tone="error">{otherError}</Notice> : null}
      <DialogFormActions submitLabel={editing ? 'Save changes' : 'Create webhook'} pending={save.isPending} onCancel={onCancel} />
    </form>
  );
}
