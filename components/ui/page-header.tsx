import Link from 'next/link';
import type { ReactNode } from 'react';

/**
 * A page's title, what it is for, and its main actions. `parent`: the list the page belongs to, linked above the
 * title; `badges`: the state of what the page shows (built-in, disabled), beside the title.
 */
export function PageHeader({
  title,
  badges,
  description,
  actions,
  eyebrow: eyebrowNode,
  parent,
}: {
  title: ReactNode;
  badges?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  eyebrow?: ReactNode;
  parent?: { href: string; label: string };
}) {
  const eyebrow = parent ? (
    <Link href={parent.href} className="hover:underline">
      {parent.label}
    </Link>
  ) : (
    eyebrowNode
  );
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div className="min-w-0">
        {eyebrow ? <div className="mb-1 text-sm text-slate-500 dark:text-slate-400">{eyebrow}</div> : null}
        <h1 className="break-words text-2xl font-semibold tracking-tight text-slate-900 dark:text-slate-50">
          {badges === undefined ? (
            title
          ) : (
            <span className="flex flex-wrap items-center gap-3">
              {title}
              {badges}
            </span>
          )}
        </h1>
        {description ? <div className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</div> : null}
      </div>
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </div>
  );
}
