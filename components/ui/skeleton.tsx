import type { ReactNode } from 'react';
import { cn } from './cn';

/** A grey placeholder the size of what is loading, so the page does not jump when it arrives. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded bg-slate-200 dark:bg-slate-800', className)} />;
}

/**
 * Something on its way, announced to screen readers by `label`. Without children it says so in a line of text;
 * with them (placeholders the shape of what comes) it only wraps them.
 */
export function Loading({ label, children, className }: { label: string; children?: ReactNode; className?: string }) {
  return (
    <div role="status" aria-label={label} className={className}>
      {children ?? <p className="text-sm text-slate-500 dark:text-slate-400">{label}…</p>}
    </div>
  );
}

/** Placeholders for a stack of blocks: `heights` are Tailwind classes, one per block (`h-10 w-full`, …). */
export function BlocksSkeleton({ label, blocks, before, className }: { label: string; blocks: string[]; before?: ReactNode; className?: string }) {
  return (
    <Loading label={label} className={className}>
      {before}
      {blocks.map((b, i) => (
        <Skeleton key={i} className={b} />
      ))}
    </Loading>
  );
}

/** The first paint of a detail page: a title and two sections, under the page's back link. */
export function DetailSkeleton({ label, before, sections = ['h-40', 'h-48'] }: { label: string; before?: ReactNode; sections?: [string, string] }) {
  return <BlocksSkeleton label={label} before={before} blocks={['mb-4 h-8 w-64', `mb-6 w-full ${sections[0]}`, `w-full ${sections[1]}`]} />;
}

export function TableSkeleton({ rows = 5, label }: { rows?: number; label: string }) {
  return (
    <div role="status" aria-label={label} className="overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800">
      <div className="h-9 border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60" />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex h-14 items-center gap-4 border-b border-slate-200 px-4 last:border-0 dark:border-slate-800">
          <Skeleton className="h-4 w-1/3" />
          <Skeleton className="h-4 w-16" />
          <Skeleton className="ml-auto h-4 w-24" />
        </div>
      ))}
    </div>
  );
}
