import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from './cn';
import { ChevronRightIcon } from './icons';

export interface TabItem {
  href: string;
  label: ReactNode;
  active: boolean;
}

/**
 * Tabs whose panels are pages of their own (each has a URL, so it can be linked and reloaded). They are links
 * marked with aria-current rather than an ARIA tablist, which is for panels switched in place. On a phone, where a
 * row of tabs would be cut off, the same links sit in a disclosure that names the current section.
 */
export function TabLinks({ items, label }: { items: TabItem[]; label: string }) {
  const active = items.find((i) => i.active);
  return (
    <nav aria-label={label} className="border-b border-slate-200 dark:border-slate-800">
      <details key={active?.href} className="group relative pb-2 sm:hidden">
        <summary className="flex h-10 cursor-pointer list-none items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium dark:border-slate-700 dark:bg-slate-900 [&::-webkit-details-marker]:hidden">
          <span className="flex items-center gap-1.5">
            <span className="text-slate-600 dark:text-slate-400">Section:</span>
            {active?.label ?? 'Choose'}
          </span>
          <ChevronRightIcon className="size-4 rotate-90 transition-transform group-open:-rotate-90" />
        </summary>
        <TabList items={items} className="mt-1 rounded-md border border-slate-200 bg-white py-1 shadow-sm dark:border-slate-800 dark:bg-slate-900" linkClass={MENU_LINK} />
      </details>
      <TabList items={items} className="-mb-px hidden gap-1 overflow-x-auto sm:flex" linkClass={TAB_LINK} />
    </nav>
  );
}

const MENU_LINK = (active: boolean) =>
  cn(
    'flex h-10 items-center gap-1.5 px-3 text-sm font-medium',
    active ? 'bg-slate-100 text-teal-800 dark:bg-slate-800 dark:text-teal-300' : 'text-slate-700 hover:bg-slate-50 dark:text-slate-300 dark:hover:bg-slate-800',
  );

const TAB_LINK = (active: boolean) =>
  cn(
    'inline-flex h-10 items-center gap-1.5 whitespace-nowrap border-b-2 px-3 text-sm font-medium transition-colors',
    active
      ? 'border-teal-600 text-teal-800 dark:border-teal-400 dark:text-teal-300'
      : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:border-slate-600 dark:hover:text-slate-100',
  );

/** The links themselves, as a menu (phone) or a row of tabs: the same items, styled by `linkClass`. */
function TabList({ items, className, linkClass }: { items: TabItem[]; className: string; linkClass: (active: boolean) => string }) {
  return (
    <ul className={className}>
      {items.map((item) => (
        <li key={item.href}>
          <Link href={item.href} aria-current={item.active ? 'page' : undefined} className={linkClass(item.active)}>
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
