import Link from 'next/link';
import { Fragment } from 'react';

/** Where a page sits: links to the pages above it, in order. */
export function Breadcrumbs({ items }: { items: Array<{ href: string; label: string }> }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-1 text-sm text-slate-500 dark:text-slate-400">
      <ol className="flex flex-wrap items-center gap-1.5">
        {items.map((item, i) => (
          <Fragment key={item.href}>
            {i > 0 ? <li aria-hidden="true">/</li> : null}
            <li>
              <Link href={item.href} className="hover:underline">
                {item.label}
              </Link>
            </li>
          </Fragment>
        ))}
      </ol>
    </nav>
  );
}
