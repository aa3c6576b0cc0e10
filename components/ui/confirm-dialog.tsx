'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from './button';
import { Dialog, DialogActions, type DialogProps } from './dialog';
import { TextField } from './field';
import { Notice } from './notice';

/**
 * Asks before a destructive action. With `confirmText`, the user must type it (a namespace name, say) before the
 * button arms. `onConfirm` may throw: its message is shown in the dialog, which stays open.
 */
export function ConfirmDialog({
  open,
  onClose,
  title,
  description,
  confirmLabel,
  confirmText,
  onConfirm,
  pending,
  error,
  tone = 'danger',
}: Pick<DialogProps, 'open' | 'onClose' | 'title'> & {
  description: ReactNode;
  confirmLabel: string;
  confirmText?: string;
  onConfirm: () => void;
  pending?: boolean;
  error?: string | null;
  tone?: 'danger' | 'primary';
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description} size="sm">
      <ConfirmBody {...{ onClose, confirmLabel, confirmText, onConfirm, pending, error, tone }} />
    </Dialog>
  );
}

function ConfirmBody({
  onClose,
  confirmLabel,
  confirmText,
  onConfirm,
  pending,
  error,
  tone,
}: {
  onClose: () => void;
  confirmLabel: string;
  confirmText?: string;
  onConfirm: () => void;
  pending?: boolean;
  error?: string | null;
  tone: 'danger' | 'primary';
}) {
  const [typed, setTyped] = useState('');
  const armed = confirmText === undefined || typed === confirmText;
  function submit(e: FormEvent) {
    e.preventDefault();
    if (armed && !pending) onConfirm();
  }
  return (
    <form onSubmit={submit}>
      {confirmText !== undefined ? (
        <TextField
          id="confirm-text"
          label={
            <>
              Type <span className="font-mono font-semibold">{confirmText}</span> to confirm
            </>
          }
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          autoFocus
        />
      ) : null}
      {error ? (
        <Notice tone="error" className="mt-3">
          {error}
        </Notice>
      ) : null}
      <DialogActions>
        <Button onClick={onClose} data-autofocus={confirmText === undefined ? true : undefined}>
          Cancel
        </Button>
        <Button type="submit" variant={tone === 'danger' ? 'danger' : 'primary'} disabled={!armed} pending={pending}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </form>
  );
}
