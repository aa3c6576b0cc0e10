import type { InputHTMLAttributes, LabelHTMLAttributes, ReactNode } from 'react';
import { cn } from './cn';
import { Input } from './input';
import { Notice } from './notice';

export function Label({ className, ...props }: LabelHTMLAttributes<HTMLLabelElement>) {
  return <label className={cn('block text-sm font-medium text-slate-800 dark:text-slate-200', className)} {...props} />;
}

/**
 * A labelled form field with an error, then a hint, beneath it. The control should set
 * `aria-describedby={fieldDescribedBy(id, …)}` and `aria-invalid`; the ids are `<id>-hint` and `<id>-error`.
 * The error line keeps its height when empty only if `reserveErrorSpace` is set, so typing never shifts the form.
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className,
  reserveErrorSpace,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
  reserveErrorSpace?: boolean;
}) {
  return (
    <div className={cn('space-y-1.5', className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error || reserveErrorSpace ? (
        <p id={`${id}-error`} className="min-h-4 text-xs font-medium text-red-600 dark:text-red-400" role={error ? 'alert' : undefined}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function fieldDescribedBy(id: string, opts: { hint?: boolean; error?: boolean }): string | undefined {
  const ids = [opts.hint ? `${id}-hint` : null, opts.error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/**
 * A labelled text input with its hint and error, wired for assistive technology (aria-invalid, aria-describedby).
 * Every other prop goes to the input; `inputClassName` styles it, `className` the field around it.
 */
export function TextField({
  id,
  label,
  hint,
  error,
  className,
  inputClassName,
  reserveErrorSpace,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  inputClassName?: string;
  reserveErrorSpace?: boolean;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className} reserveErrorSpace={reserveErrorSpace}>
      <Input
        id={id}
        aria-invalid={!!error || undefined}
        aria-describedby={fieldDescribedBy(id, { hint: !!hint, error: !!error || reserveErrorSpace })}
        className={inputClassName}
        {...input}
      />
    </Field>
  );
}

/** The error of a form submission that belongs to no single field. */
export function FormError({ message }: { message: string | null | undefined }) {
  return message ? <Notice tone="error">{message}</Notice> : null;
}
