import { cn } from './cn';

/** A grey placeholder the size of what is loading, so the page does not jump when it arrives. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded bg-slate-200 dark:bg-slate-800', className)} />;
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
