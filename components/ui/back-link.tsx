import Link from 'next/link';
import type { ReactNode } from 'react';
import { ChevronLeftIcon } from './icons';

/** The way back from a detail page to the list it was opened from. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="mb-4 inline-flex items-center gap-1 text-sm text-slate-600 hover:underline dark:text-slate-400">
      <ChevronLeftIcon />
      {children}
    </Link>
  );
}
