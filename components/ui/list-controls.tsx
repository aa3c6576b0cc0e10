'use client';

import type { ReactNode } from 'react';
import { cn } from './cn';
import { SearchIcon } from './icons';
import { Input, Select } from './input';
import { Pagination } from './pagination';

/** A search box with its magnifier and a label for screen readers (the placeholder says the same for the eye). */
export function SearchField({
  id,
  label,
  placeholder = label,
  value,
  onChange,
  className,
  inputClassName,
}: {
  id: string;
  label: string;
  placeholder?: string;
  value: string;
  onChange: (value: string) => void;
  className?: string;
  inputClassName?: string;
}) {
  return (
    <div className={cn('relative', className)}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <SearchIcon className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-500 dark:text-slate-400" />
      <Input id={id} type="search" placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} className={cn('pl-9', inputClassName)} />
    </div>
  );
}

/** A select of named choices with a label for screen readers. */
export function LabelledSelect({
  id,
  label,
  value,
  options,
  onChange,
  className,
  children,
}: {
  id: string;
  label: string;
  value: string;
  options?: Record<string, string>;
  onChange: (value: string) => void;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={className}>
        {children}
        {Object.entries(options ?? {}).map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </div>
  );
}

/**
 * One page of a list that keeps showing the previous page, dimmed, while the next one loads, with its pager below.
 * `onClickCapture`: a click on a result, e.g. to cancel a search still waiting to run.
 */
export function PagedResults({
  page,
  busy,
  stale,
  label,
  setParams,
  onClickCapture,
  children,
}: {
  page: { page: number; pageSize: number; total: number };
  busy: boolean;
  stale: boolean;
  label: string;
  /** From useUrlParams: the page is kept in the URL's `page` (absent for the first). */
  setParams: (changes: Record<string, string | undefined>, resetPage?: boolean) => void;
  onClickCapture?: () => void;
  children: ReactNode;
}) {
  return (
    <div aria-busy={busy} className={stale ? 'opacity-70 transition-opacity' : undefined} onClickCapture={onClickCapture}>
      {children}
      <Pagination
        label={label}
        page={page.page}
        pageSize={page.pageSize}
        total={page.total}
        onPage={(p) => setParams({ page: p > 1 ? String(p) : undefined }, false)}
      />
    </div>
  );
}
