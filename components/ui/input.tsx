import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { cn } from './cn';

const FIELD =
  'block w-full rounded-md border bg-white px-3 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 disabled:cursor-not-allowed disabled:opacity-60 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500';
const BORDER = 'border-slate-300 dark:border-slate-700';
const INVALID = 'border-red-500 dark:border-red-500';

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  const invalid = props['aria-invalid'] === true || props['aria-invalid'] === 'true';
  return <input className={cn(FIELD, 'h-9', invalid ? INVALID : BORDER, className)} {...props} />;
}

export function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const invalid = props['aria-invalid'] === true || props['aria-invalid'] === 'true';
  return <textarea className={cn(FIELD, 'py-2', invalid ? INVALID : BORDER, className)} {...props} />;
}

export function Select({ className, children, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  const invalid = props['aria-invalid'] === true || props['aria-invalid'] === 'true';
  return (
    <select className={cn(FIELD, 'h-9 pr-8', invalid ? INVALID : BORDER, className)} {...props}>
      {children}
    </select>
  );
}

/** A Select's options, one a value, each labelled by `label` (the value itself by default). */
export function Options<T extends string>({ values, label }: { values: readonly T[]; label?: (value: T) => ReactNode }) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {label ? label(v) : v}
        </option>
      ))}
    </>
  );
}
