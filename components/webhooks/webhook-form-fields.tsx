'use client';

import type { ReactNode } from 'react';
import { MAX_WEBHOOK_HEADERS } from '@/lib/schemas/webhooks';
import { MAX_TRIGGER_TAGS } from '@/lib/webhooks/match-trigger';
import { Button, IconButton } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { PlusIcon, TrashIcon } from '@/components/ui/icons';
import { Input } from '@/components/ui/input';
import { newHeaderRow, type HeaderRow, type SecretMode, type TriggerKind } from './webhook-form-state';

// The parts of the webhook form that are more than one input: trigger, secret and extra headers.

const LEGEND = 'text-sm font-medium text-slate-800 dark:text-slate-200';
const HINT = 'mt-0.5 text-xs text-slate-500 dark:text-slate-400';
const RADIO = 'size-4 accent-teal-700';

export function ErrorLine({ id, error }: { id?: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
      {error}
    </p>
  );
}

export function Radio({ name, checked, onChange, children, hint }: { name: string; checked: boolean; onChange: () => void; children: ReactNode; hint?: ReactNode }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="radio" name={name} checked={checked} onChange={onChange} className={`${RADIO} mt-0.5`} />
      <span>
        {children}
        {hint ? <span className="block text-xs text-slate-500 dark:text-slate-400">{hint}</span> : null}
      </span>
    </label>
  );
}

export function TriggerFields({
  kind,
  pattern,
  tagsText,
  errors,
  onKind,
  onPattern,
  onTags,
}: {
  kind: TriggerKind;
  pattern: string;
  tagsText: string;
  errors: { pattern?: string; tags?: string };
  onKind: (k: TriggerKind) => void;
  onPattern: (s: string) => void;
  onTags: (s: string) => void;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className={LEGEND}>Trigger</legend>
      <p className={HINT}>Which tags fire the webhook.</p>
      <div className="space-y-1.5">
        <Radio name="webhook-trigger" checked={kind === 'all'} onChange={() => onKind('all')}>
          All tags
        </Radio>
        <Radio name="webhook-trigger" checked={kind === 'regex'} onChange={() => onKind('regex')}>
          Tags matching a pattern
        </Radio>
        <Radio name="webhook-trigger" checked={kind === 'tags'} onChange={() => onKind('tags')}>
          Specific tags
        </Radio>
      </div>
      {kind === 'regex' ? (
        <TextField
          id="webhook-pattern"
          label="Tag pattern"
          hint={
            <>
              RE2 syntax, matched against the whole tag: <code className="font-mono">v1\..*</code> fires for v1.0 and v1.2.3, not for v10.
            </>
          }
          error={errors.pattern}
          value={pattern}
          onChange={(e) => onPattern(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          inputClassName="font-mono"
        />
      ) : null}
      {kind === 'tags' ? (
        <TextField
          id="webhook-tags"
          label="Tags"
          hint={`Up to ${MAX_TRIGGER_TAGS}, separated by commas or spaces.`}
          error={errors.tags}
          value={tagsText}
          onChange={(e) => onTags(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          placeholder="latest, stable"
          inputClassName="font-mono"
        />
      ) : null}
    </fieldset>
  );
}

export function SecretField({
  editing,
  hasSecret,
  mode,
  secret,
  error,
  onMode,
  onSecret,
}: {
  editing: boolean;
  hasSecret: boolean;
  mode: SecretMode;
  secret: string;
  error?: string;
  onMode: (m: SecretMode) => void;
  onSecret: (s: string) => void;
}) {
  const hint = (
    <>
      With a secret, each request carries <code className="font-mono">X-Berth-Signature: sha256=…</code>, an HMAC of the body, so the receiver can tell
      it came from Berth. It cannot be read back once saved.
    </>
  );
  return (
    <fieldset className="space-y-2" aria-describedby="webhook-secret-about">
      <legend className={LEGEND}>Secret</legend>
      <p id="webhook-secret-about" className={HINT}>
        {hint}
      </p>
      {mode === 'keep' ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-700 dark:text-slate-300">{hasSecret ? 'A secret is set.' : 'No secret is set.'}</span>
          <Button size="sm" onClick={() => onMode('set')}>
            {hasSecret ? 'Change secret' : 'Set secret'}
          </Button>
          {hasSecret ? (
            <Button size="sm" variant="ghost" className="text-red-700 dark:text-red-400" onClick={() => onMode('remove')}>
              Remove secret
            </Button>
          ) : null}
        </div>
      ) : mode === 'remove' ? (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-700 dark:text-slate-300">The secret is removed when you save; requests will no longer be signed.</span>
          <Button size="sm" onClick={() => onMode('keep')}>
            Keep the secret
          </Button>
        </div>
      ) : (
        <div className="flex items-start gap-2">
          <TextField
            id="webhook-secret"
            className="flex-1"
            label={editing ? 'New secret' : 'Secret (optional)'}
            hint="At least 8 characters."
            error={error}
            type="password"
            value={secret}
            onChange={(e) => onSecret(e.target.value)}
            autoComplete="new-password"
            spellCheck={false}
            autoFocus={editing}
          />
          {editing ? (
            <Button size="md" className="mt-6.5" onClick={() => onMode('keep')}>
              Cancel
            </Button>
          ) : null}
        </div>
      )}
    </fieldset>
  );
}

export function HeadersField({ rows, errors, onChange }: { rows: HeaderRow[]; errors: Partial<Record<string, string>>; onChange: (rows: HeaderRow[]) => void }) {
  const set = (i: number, patch: Partial<HeaderRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="space-y-2" aria-describedby="webhook-headers-hint">
      <legend className={LEGEND}>Extra headers</legend>
      <p id="webhook-headers-hint" className={HINT}>
        Sent with every request, e.g. an <code className="font-mono">Authorization</code> the receiver expects. At most {MAX_WEBHOOK_HEADERS}. Values of
        credential-like headers are masked once saved; leave a masked value as it is to keep it.
      </p>
      {rows.length > 0 ? (
        <ul className="space-y-2">
          {rows.map((row, i) => {
            const nameError = errors[`headers.${i}.name`];
            const valueError = errors[`headers.${i}.value`];
            const n = i + 1;
            return (
              <li key={row.key}>
                <div className="flex items-start gap-2">
                  <div className="grid flex-1 gap-2 sm:grid-cols-2">
                    <HeaderPartInput row={row} i={i} part="name" error={nameError} onChange={(name) => set(i, { name })} />
                    <HeaderPartInput row={row} i={i} part="value" error={valueError} onChange={(value) => set(i, { value })} />
                  </div>
                  <IconButton label={`Remove header ${n}`} onClick={() => onChange(rows.filter((_, j) => j !== i))} className="mt-0.5">
                    <TrashIcon />
                  </IconButton>
                </div>
                <ErrorLine id={`webhook-header-${i}-name-error`} error={nameError} />
                <ErrorLine id={`webhook-header-${i}-value-error`} error={valueError} />
              </li>
            );
          })}
        </ul>
      ) : null}
      <ErrorLine error={errors.headers} />
      <Button size="sm" id="webhook-header-add" onClick={() => onChange([...rows, newHeaderRow()])} disabled={rows.length >= MAX_WEBHOOK_HEADERS}>
        <PlusIcon />
        Add header
      </Button>
    </fieldset>
  );
}

/** The name or the value of one extra header: unlabelled on screen (the placeholder says which), described by its error. */
function HeaderPartInput({ row, i, part, error, onChange }: { row: HeaderRow; i: number; part: 'name' | 'value'; error?: string; onChange: (text: string) => void }) {
  const id = `webhook-header-${i}-${part}`;
  return (
    <Input
      id={id}
      value={row[part]}
      onChange={(e) => onChange(e.target.value)}
      placeholder={part === 'name' ? 'Name' : 'Value'}
      aria-label={`Header ${i + 1} ${part}`}
      autoComplete="off"
      spellCheck={false}
      className="font-mono"
      aria-invalid={!!error || undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    />
  );
}
