import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from './cn';

export interface TabItem {
  href: string;
  label: ReactNode;
  active: boolean;
}

/**
 * Tabs whose panels are pages of their own (each has a URL, so it can be linked and reloaded). They are links
 * marked with aria-current rather than an ARIA tablist, which is for panels switched in place.
 */
export function TabLinks({ items, label }: { items: TabItem[]; label: string }) {
  return (
    <nav aria-label={label} className="border-b border-slate-200 dark:border-slate-800">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={item.active ? 'page' : undefined}
              className={cn(
                'inline-flex h-10 items-center gap-1.5 whitespace-nowrap border-b-2 px-3 text-sm font-medium transition-colors',
                item.active
                  ? 'border-teal-600 text-teal-800 dark:border-teal-400 dark:text-teal-300'
                  : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:border-slate-600 dark:hover:text-slate-100',
              )}
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
