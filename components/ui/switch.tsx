'use client';

import type { ReactNode } from 'react';
import { cn } from './cn';

/** An on/off control (role="switch"); label it with aria-labelledby or a wrapping <label>. */
export function Switch({
  checked,
  onChange,
  disabled,
  id,
  ...aria
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  id?: string;
  'aria-labelledby'?: string;
  'aria-describedby'?: string;
  'aria-label'?: string;
}) {
  return (
    <button
      type="button"
      role="switch"
      id={id}
      aria-checked={checked}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={cn(
        'relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors disabled:cursor-not-allowed disabled:opacity-50',
        checked ? 'bg-teal-600 dark:bg-teal-500' : 'bg-slate-300 dark:bg-slate-600',
      )}
      {...aria}
    >
      <span className={cn('inline-block size-5 rounded-full bg-white shadow transition-transform', checked ? 'translate-x-5.5' : 'translate-x-0.5')} />
    </button>
  );
}

/**
 * A setting that is on or off: its name and what it does, with the switch beside them (labelled and described by
 * them: `<id>-label`, `<id>-hint`). `boxed` frames it, for a switch among text fields.
 */
export function SwitchRow({
  id,
  label,
  hint,
  checked,
  onChange,
  disabled,
  boxed,
}: {
  id: string;
  label: ReactNode;
  hint: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  boxed?: boolean;
}) {
  return (
    <div className={cn('flex items-start justify-between gap-4', boxed && 'rounded-lg border border-slate-200 p-3 dark:border-slate-800')}>
      <div>
        <p id={`${id}-label`} className="text-sm font-medium text-slate-800 dark:text-slate-200">
          {label}
        </p>
        <p id={`${id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      </div>
      <Switch checked={checked} onChange={onChange} disabled={disabled} aria-labelledby={`${id}-label`} aria-describedby={`${id}-hint`} />
    </div>
  );
}
