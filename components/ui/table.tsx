import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { IconButton } from './button';
import { cn } from './cn';
import { TrashIcon } from './icons';

/** A table that scrolls sideways inside its card on narrow screens instead of widening the page. */
export function Table({ children, className, label }: { children: ReactNode; className?: string; label?: string }) {
  return (
    // Focusable, so a keyboard user can scroll a table wider than the screen (WCAG 2.1.1).
    <div tabIndex={0} className={cn('overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900', className)}>
      <table className="w-full border-collapse text-left text-sm" aria-label={label}>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50 text-xs font-medium uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
      {children}
    </thead>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-200 dark:divide-slate-800">{children}</tbody>;
}

export function Tr({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn('align-top', className)} {...props} />;
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn('whitespace-nowrap px-4 py-2.5 font-medium', className)} {...props} />;
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn('px-4 py-3', className)} {...props} />;
}

/** A column heading: its text, or `{ label, className }`; `{ label, hidden: true }` is read to screen readers only. */
export type Column = string | { label: string; className?: string; hidden?: boolean };

/** The heading of a row's buttons, for screen readers only. */
export const ACTIONS_COLUMN: Column = { label: 'Actions', hidden: true };

/** The header row of a table whose columns are fixed; a `false` column (one the viewer may not use) is left out. */
export function HeaderRow({ columns }: { columns: (Column | false)[] }) {
  return (
    <THead>
      <tr>
        {columns.filter((c) => c !== false).map((c) => {
          const col = typeof c === 'string' ? { label: c } : c;
          return (
            <Th key={col.label} className={col.className}>
              {col.hidden ? <span className="sr-only">{col.label}</span> : col.label}
            </Th>
          );
        })}
      </tr>
    </THead>
  );
}

/** A row's last cell holding its delete button, a trash icon named by `label`. */
export function DeleteCell({ label, onDelete }: { label: string; onDelete: () => void }) {
  return (
    <Td className="w-10 py-2 text-right">
      <IconButton label={label} onClick={onDelete} className="hover:text-red-600 dark:hover:text-red-400">
        <TrashIcon />
      </IconButton>
    </Td>
  );
}
