'use client';

import { useMemo, useRef } from 'react';
import { parsePolicyText, type PolicyError } from '@/lib/access/policy-document';
import { ACTIONS } from '@/lib/access/actions';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/field';
import { locatePolicyErrors } from './locate-policy-errors';
import { PolicyErrorList } from './policy-error-list';
import { focusLine, PolicyJsonEditor } from './policy-json-editor';

/**
 * The policy document as JSON text, checked as it is typed by the validator the API uses. The server's verdict on
 * the last text sent is shown the same way, for as long as that text is unchanged.
 */
export function PolicyDocumentField({
  id,
  value,
  onChange,
  serverErrors,
  resourcePrefix,
  readOnly,
}: {
  id: string;
  value: string;
  onChange?: (text: string) => void;
  /** The server's errors for `value`, or null when it has not judged this text. */
  serverErrors?: PolicyError[] | null;
  resourcePrefix: string;
  readOnly?: boolean;
}) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const { errors, source, syntaxError } = useMemo(() => {
    const check = parsePolicyText(value);
    const client = check.ok ? [] : check.errors;
    const fromServer = client.length === 0 && !!serverErrors?.length;
    return {
      errors: locatePolicyErrors(value, fromServer ? serverErrors! : client),
      source: fromServer ? ('server' as const) : ('client' as const),
      syntaxError: client.some((e) => e.line !== undefined),
    };
  }, [value, serverErrors]);

  function format() {
    try {
      onChange?.(JSON.stringify(JSON.parse(value), null, 2));
    } catch {
      // Not JSON yet: the error list already says where.
    }
  }

  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <Label htmlFor={id}>Policy document (JSON)</Label>
        {!readOnly ? (
          <Button size="sm" variant="ghost" onClick={format} disabled={syntaxError}>
            Format JSON
          </Button>
        ) : null}
      </div>
      <PolicyJsonEditor
        id={id}
        value={value}
        onChange={onChange}
        errors={readOnly ? [] : errors}
        readOnly={readOnly}
        textareaRef={textarea}
        describedBy={readOnly ? `${id}-hint` : `${id}-errors ${id}-hint`}
      />
      {!readOnly ? (
        <PolicyErrorList id={`${id}-errors`} errors={errors} source={source} onJump={(line) => textarea.current && focusLine(textarea.current, line)} />
      ) : null}
      <div id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
        {readOnly ? null : (
          <p>
            <code className="font-mono">Version</code> is <code className="font-mono">&quot;1&quot;</code>; each statement has{' '}
            <code className="font-mono">Effect</code> (Allow or Deny), <code className="font-mono">Action</code> and{' '}
            <code className="font-mono">Resource</code>, each a string or a list. A Deny wins over every Allow and grant.
          </p>
        )}
      </div>
      {!readOnly ? <PolicyReference resourcePrefix={resourcePrefix} /> : null}
    </div>
  );
}

function PolicyReference({ resourcePrefix }: { resourcePrefix: string }) {
  return (
    <details className="rounded-md border border-slate-200 text-sm dark:border-slate-800">
      <summary className="cursor-pointer select-none px-3 py-2 font-medium text-slate-700 dark:text-slate-300">Actions and resources</summary>
      <div className="grid gap-4 border-t border-slate-200 px-3 py-3 sm:grid-cols-2 dark:border-slate-800">
        <div>
          <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Actions</p>
          <p className="mb-1.5 text-xs text-slate-600 dark:text-slate-400">
            <code className="font-mono">*</code> matches any run of characters: <code className="font-mono">cr:Get*</code>,{' '}
            <code className="font-mono">cr:*</code>.
          </p>
          <ul className="grid grid-cols-1 gap-x-4 font-mono text-xs text-slate-700 sm:grid-cols-2 dark:text-slate-300">
            {ACTIONS.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </div>
        <div>
          <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Resources</p>
          <ul className="space-y-1 break-all font-mono text-xs text-slate-700 dark:text-slate-300">
            <li>{resourcePrefix}repository/team/app</li>
            <li>{resourcePrefix}repository/team/*</li>
            <li>{resourcePrefix}namespace/team</li>
            <li>{resourcePrefix}instance</li>
            <li>*</li>
          </ul>
          <p className="mt-1.5 text-xs text-slate-600 dark:text-slate-400">
            Users, policies and the audit log are installation-wide: their actions apply to <code className="font-mono">{resourcePrefix}instance</code>.
          </p>
        </div>
      </div>
    </details>
  );
}
