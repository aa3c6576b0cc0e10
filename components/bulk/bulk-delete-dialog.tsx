'use client';

import { useState, type ReactNode } from 'react';
import { errorMessage } from '@/lib/client/field-errors';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Dialog, DialogActions } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { CheckIcon, XIcon } from '@/components/ui/icons';
import { Notice } from '@/components/ui/notice';

type Outcome = { name: string; ok: true } | { name: string; ok: false; reason: string };

/**
 * One confirmation for deleting several things. Each is deleted through its own DELETE call, so the service
 * authorizes every one as it would a single delete; one refused (an immutable tag, a missing permission) does not
 * stop the others. When all went, the dialog closes; otherwise it lists what was refused and why.
 */
export function BulkDeleteDialog({
  open,
  names,
  noun,
  description,
  deleteOne,
  onClose,
  onFinished,
  confirmText,
}: {
  open: boolean;
  names: readonly string[];
  /** "tag" or "repository": the dialog says "Delete 3 tags?". */
  noun: { one: string; many: string };
  description: ReactNode;
  deleteOne: (name: string) => Promise<unknown>;
  onClose: () => void;
  /** After the run, with what went; the caller clears its selection and refreshes its lists. */
  onFinished: (deleted: string[]) => void | Promise<void>;
  /** Text the user must type before the button arms, for deletes that cannot be undone at all (repositories). */
  confirmText?: string;
}) {
  const [pending, setPending] = useState(false);
  const [typed, setTyped] = useState('');
  const armed = confirmText === undefined || typed === confirmText;
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  const close = () => {
    if (pending) return;
    setOutcomes(null);
    setTyped('');
    onClose();
  };
  async function run() {
    setPending(true);
    const results: Outcome[] = [];
    // One at a time: a page holds at most a few dozen, and the registry serializes deletes per repository anyway.
    for (const name of names) {
      try {
        await deleteOne(name);
        results.push({ name, ok: true });
      } catch (err) {
        results.push({ name, ok: false, reason: errorMessage(err) });
      }
    }
    setPending(false);
    setTyped('');
    await onFinished(results.filter((r) => r.ok).map((r) => r.name));
    if (results.every((r) => r.ok)) onClose();
    else setOutcomes(results);
  }
  const count = names.length;
  const label = count === 1 ? noun.one : noun.many;
  return (
    <Dialog open={open} onClose={close} title={outcomes ? `Some ${noun.many} were not deleted` : `Delete ${count} ${label}?`} description={outcomes ? undefined : description} size="md">
      {outcomes ? (
        <Notice tone="warning" className="mb-3">
          {outcomes.filter((o) => o.ok).length} of {outcomes.length} deleted; the others are listed with the reason.
        </Notice>
      ) : null}
      <ul tabIndex={0} aria-label={outcomes ? 'Results' : `${noun.many} to delete`} className="max-h-72 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2 text-sm dark:border-slate-800">
        {(outcomes ?? names.map((name) => ({ name, ok: null as null | boolean, reason: '' }))).map((o) => (
          <li key={o.name} className="flex items-start gap-2">
            {o.ok === true ? <CheckIcon className="mt-0.5 size-4 text-emerald-700 dark:text-emerald-400" /> : o.ok === false ? <XIcon className="mt-0.5 size-4 text-red-700 dark:text-red-400" /> : null}
            <span className="min-w-0">
              <span className="break-all font-mono">{o.name}</span>
              {o.ok === true ? <span className="sr-only"> deleted</span> : null}
              {o.ok === false && 'reason' in o ? <span className={cn('block text-xs text-red-800 dark:text-red-300')}>not deleted: {o.reason}</span> : null}
            </span>
          </li>
        ))}
      </ul>
      {!outcomes && confirmText !== undefined ? (
        <Field
          id="bulk-confirm-text"
          className="mt-3"
          label={
            <>
              Type <span className="font-mono font-semibold">{confirmText}</span> to confirm
            </>
          }
        >
          <Input id="bulk-confirm-text" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
        </Field>
      ) : null}
      <DialogActions>
        {outcomes ? (
          <Button onClick={close}>Close</Button>
        ) : (
          <>
            <Button onClick={close} data-autofocus>
              Cancel
            </Button>
            <Button variant="danger" pending={pending} disabled={!armed} onClick={() => void run()}>
              Delete {count} {label}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
