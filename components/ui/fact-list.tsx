import type { ReactNode } from 'react';
import { cn } from './cn';

export type Fact = readonly [label: string, value: ReactNode];

const LAYOUTS = {
  /** Inside a card: labels in a narrow column beside their values. */
  card: {
    list: 'grid gap-x-6 gap-y-3 px-5 py-4 text-sm sm:grid-cols-[9rem_1fr]',
    row: 'contents',
    dt: 'font-medium text-slate-500 dark:text-slate-400',
    dd: 'min-w-0',
  },
  /** Inside a card, one ruled row a fact. */
  ruled: {
    list: 'divide-y divide-slate-200 dark:divide-slate-800',
    row: 'grid gap-1 px-5 py-2.5 text-sm sm:grid-cols-[10rem_1fr] sm:gap-4',
    dt: 'font-medium text-slate-600 dark:text-slate-400',
    dd: 'min-w-0 text-slate-900 dark:text-slate-100',
  },
  /** Machine text (labels, annotations, headers): monospaced keys that may be long, ruled rows. */
  code: {
    list: 'divide-y divide-slate-200 text-sm dark:divide-slate-800',
    row: 'grid gap-1 px-5 py-2.5 sm:grid-cols-[minmax(0,18rem)_1fr] sm:gap-4',
    dt: 'break-all font-mono text-xs text-slate-500 dark:text-slate-400',
    dd: 'break-all font-mono text-xs',
  },
  /** Tight, for a few facts inside a panel. */
  compact: {
    list: 'grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm',
    row: 'contents',
    dt: 'text-slate-500 dark:text-slate-400',
    dd: 'break-words',
  },
} as const;

/** Label and value pairs as a description list, in one of the console's layouts. */
export function FactList({ facts, layout = 'card', className }: { facts: readonly Fact[]; layout?: keyof typeof LAYOUTS; className?: string }) {
  const l = LAYOUTS[layout];
  return (
    <dl className={cn(l.list, className)}>
      {facts.map(([label, value]) => (
        <div key={label} className={l.row}>
          <dt className={l.dt}>{label}</dt>
          <dd className={l.dd}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
