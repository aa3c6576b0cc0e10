import type { ReactNode } from 'react';
import { cn } from './cn';

export function EmptyState({
  icon,
  title,
  children,
  action,
  className,
}: {
  icon?: ReactNode;
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn('rounded-lg border border-dashed border-slate-300 px-6 py-10 text-center dark:border-slate-700', className)}>
      {icon ? (
        <div className="mx-auto mb-3 flex size-10 items-center justify-center rounded-full bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
          {icon}
        </div>
      ) : null}
      <h2 className="text-base font-semibold text-slate-900 dark:text-slate-100">{title}</h2>
      {children ? <div className="mx-auto mt-1.5 max-w-xl text-sm text-slate-600 dark:text-slate-400">{children}</div> : null}
      {action ? <div className="mt-5 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}

/** A one-line "nothing here yet" inside a card or section, where a full EmptyState would be too loud. */
export function EmptyLine({ children, icon, className }: { children: ReactNode; icon?: ReactNode; className?: string }) {
  if (icon) {
    return (
      <div
        className={cn(
          'flex items-center gap-3 rounded-lg border border-dashed border-slate-300 px-4 py-5 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400',
          className,
        )}
      >
        <span className="text-slate-500 dark:text-slate-400">{icon}</span>
        <p>{children}</p>
      </div>
    );
  }
  return <p className={cn('text-sm text-slate-600 dark:text-slate-400', className)}>{children}</p>;
}
