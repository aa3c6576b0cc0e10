'use client';

import { useState } from 'react';
import { Th } from '@/components/ui/table';
import { cn } from '@/components/ui/cn';

export type SortDirection = 'asc' | 'desc';
export interface SortState<K extends string> {
  key: K;
  dir: SortDirection;
}

/** The next state after a click on a column: a new column sorts ascending, the same column flips. */
export function nextSort<K extends string>(current: SortState<K>, key: K): SortState<K> {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
}

/** Sorts a copy of `rows` by `compare` in the state's direction; ties keep their order. */
export function sortRows<T>(rows: readonly T[], dir: SortDirection, compare: (a: T, b: T) => number): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => sign * compare(a.row, b.row) || a.i - b.i)
    .map(({ row }) => row);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
export const compareText = (a: string | undefined, b: string | undefined) => collator.compare(a ?? '', b ?? '');

/** A column header whose button sorts the table; aria-sort tells assistive technology how it is sorted now. */
export function SortableTh<K extends string>({
  label,
  sortKey,
  sort,
  onSort,
  className,
}: {
  label: string;
  sortKey: K;
  sort: SortState<K>;
  onSort: (next: SortState<K>) => void;
  className?: string;
}) {
  const active = sort.key === sortKey;
  return (
    <Th aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={cn('px-2', className)}>
      <button
        type="button"
        onClick={() => onSort(nextSort(sort, sortKey))}
        className="inline-flex items-center gap-1 rounded px-2 py-0.5 uppercase tracking-wide hover:bg-slate-200/70 hover:text-slate-800 dark:hover:bg-slate-800 dark:hover:text-slate-200"
      >
        {label}
        <span aria-hidden="true" className={active ? 'text-slate-700 dark:text-slate-200' : 'text-slate-300 dark:text-slate-600'}>
          {active && sort.dir === 'desc' ? '↓' : '↑'}
        </span>
      </button>
    </Th>
  );
}

/** Client-side paging of an already filtered list. */
export function pageOf<T>(rows: readonly T[], page: number, pageSize: number): { items: T[]; page: number } {
  const last = Math.max(1, Math.ceil(rows.length / pageSize));
  const p = Math.min(Math.max(1, page), last);
  return { items: rows.slice((p - 1) * pageSize, p * pageSize), page: p };
}

/** The page shown of a list filtered in the browser; `refilter(set)` wraps a filter's setter so a change goes back to page 1. */
export function useFilteredPage() {
  const [page, setPage] = useState(1);
  const refilter =
    <V,>(set: (value: V) => void) =>
    (value: V) => {
      set(value);
      setPage(1);
    };
  return { page, setPage, refilter };
}
