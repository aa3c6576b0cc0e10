'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

/**
 * For lists whose state (search, filters, sort, page) lives in the URL, so a view can be reloaded, linked and
 * navigated back to. The URL is updated in place (Next.js keeps useSearchParams in step with
 * history.replaceState): no server round trip, and each change builds on the URL as it is now, so quick successive
 * changes cannot undo one another. A change resets the page unless `resetPage` is false.
 */
export function useUrlParams(): (changes: Record<string, string | undefined>, resetPage?: boolean) => void {
  const pathname = usePathname();
  return (changes, resetPage = true) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (resetPage) next.delete('page');
    const qs = next.toString();
    window.history.replaceState(null, '', qs ? `${pathname}?${qs}` : pathname);
  };
}

/**
 * A search box's text, written to the URL's `q` after a short pause in typing rather than on every key.
 * `cancelPending` drops a search still waiting: a click on a result must win over the search's own navigation.
 */
export function useUrlSearch(current: string | undefined, setParams: ReturnType<typeof useUrlParams>) {
  const [search, setSearch] = useState(current ?? '');
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (search === (current ?? '')) return;
    const t = setTimeout(() => setParams({ q: search.trim() || undefined }), 250);
    pending.current = t;
    return () => clearTimeout(t);
  }, [search]);
  return { search, setSearch, cancelPending: () => clearTimeout(pending.current) };
}

/** The sort the URL names, if it is one of `sorts`, else `fallback`; split into field and direction. */
export function readSort<K extends string>(sp: URLSearchParams, sorts: Record<K, string>, fallback: K) {
  const raw = sp.get('sort') ?? fallback;
  const sortKey = Object.hasOwn(sorts, raw) ? (raw as K) : fallback;
  const [sort, order] = sortKey.split(':') as [string, 'asc' | 'desc'];
  return { sortKey, sort, order };
}

/** The 1-based page the URL names; anything else is the first. */
export function readPage(sp: URLSearchParams): number {
  return Math.max(1, Number.parseInt(sp.get('page') ?? '1', 10) || 1);
}
