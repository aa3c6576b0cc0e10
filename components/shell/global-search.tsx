'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { formatRelative } from '@/lib/client/format';
import { queryKeys } from '@/lib/client/query-keys';
import { repositoryHref } from '@/lib/paths/repository-paths';
import { searchRegistry } from '@/lib/client/search-api';
import { SEARCH_MAX_QUERY } from '@/lib/schemas/search';
import { cn } from '@/components/ui/cn';
import { BoxIcon, SearchIcon, TagIcon } from '@/components/ui/icons';
import { useDebounced } from '@/components/ui/use-debounced';

const GROUP_LABEL = 'px-2.5 pb-1 pt-1.5 text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400';

type Option = { id: string; href: string; label: string; detail: string; kind: 'repository' | 'tag' };

/**
 * The top bar's search: repositories and tags by name (GET /api/v1/search), as an ARIA combobox. Arrow keys move
 * through the results, Enter opens one, Escape closes the list (a second Escape closes the search row).
 */
export function GlobalSearch({ inputRef, onClose }: { inputRef: React.RefObject<HTMLInputElement | null>; onClose: () => void }) {
  const router = useRouter();
  const listId = useId();
  const [text, setText] = useState('');
  const term = useDebounced(text.trim(), 200, '');
  const [active, setActive] = useState(-1);
  const [expanded, setExpanded] = useState(false);
  const blurTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const query = useQuery({
    queryKey: queryKeys.search(term),
    queryFn: ({ signal }) => searchRegistry(term, signal),
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const options: Option[] = term
    ? [
        ...(query.data?.repositories ?? []).map((r) => ({
          id: `${listId}-r-${r.name}`,
          href: repositoryHref(r.name),
          label: r.name,
          detail: r.lastPushedAt ? `${r.visibility} · pushed ${formatRelative(r.lastPushedAt)}` : r.visibility,
          kind: 'repository' as const,
        })),
        ...(query.data?.tags ?? []).map((t) => ({
          id: `${listId}-t-${t.repository}:${t.tag}`,
          href: repositoryHref(t.repository, { tab: 'tag', tag: t.tag }),
          label: `${t.repository}:${t.tag}`,
          detail: `pushed ${formatRelative(t.pushedAt)}`,
          kind: 'tag' as const,
        })),
      ]
    : [];
  const open = expanded && term.length > 0;
  useEffect(() => setActive(-1), [term, query.data]);

  function go(option: Option) {
    setExpanded(false);
    setText('');
    onClose();
    router.push(option.href);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setExpanded(true);
      if (options.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + options.length) % options.length);
    } else if (e.key === 'Home' && open && options.length) {
      e.preventDefault();
      setActive(0);
    } else if (e.key === 'End' && open && options.length) {
      e.preventDefault();
      setActive(options.length - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = options[active] ?? (options.length === 1 ? options[0] : undefined);
      if (chosen) go(chosen);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (open) setExpanded(false);
      else onClose();
    }
  }

  const repositories = options.filter((o) => o.kind === 'repository');
  const tags = options.filter((o) => o.kind === 'tag');
  const renderOption = (o: Option) => {
    const i = options.indexOf(o);
    const Icon = o.kind === 'repository' ? BoxIcon : TagIcon;
    return (
      <div
        key={o.id}
        id={o.id}
        role="option"
        aria-selected={i === active}
        // Pointer down, not click: the input's blur would close the list before a click lands.
        onMouseDown={(e) => {
          e.preventDefault();
          go(o);
        }}
        onMouseMove={() => setActive(i)}
        className={cn('flex cursor-pointer items-start gap-2 rounded-md px-2.5 py-2 text-sm', i === active ? 'bg-teal-50 text-teal-900 dark:bg-teal-950 dark:text-teal-100' : 'text-slate-800 dark:text-slate-200')}
      >
        <Icon className="mt-0.5 size-4 text-slate-500 dark:text-slate-400" />
        <span className="min-w-0">
          <span className="block break-all font-mono">{o.label}</span>
          <span className="block text-xs text-slate-600 dark:text-slate-400">{o.detail}</span>
        </span>
      </div>
    );
  };

  return (
    <div className="relative">
      <label htmlFor="global-search" className="sr-only">
        Search repositories and tags
      </label>
      <SearchIcon className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-500 dark:text-slate-400" />
      <input
        ref={inputRef}
        id="global-search"
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? options[active]?.id : undefined}
        aria-keyshortcuts="/"
        autoComplete="off"
        spellCheck={false}
        maxLength={SEARCH_MAX_QUERY}
        placeholder="Search repositories and tags (repo:tag)"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setExpanded(true);
        }}
        onFocus={() => {
          clearTimeout(blurTimer.current);
          setExpanded(true);
        }}
        onBlur={() => {
          blurTimer.current = setTimeout(() => setExpanded(false), 100);
        }}
        onKeyDown={onKeyDown}
        className="h-10 w-full rounded-md border border-slate-300 bg-white pl-9 pr-3 text-sm text-slate-900 placeholder:text-slate-500 focus:border-teal-600 focus:outline-none focus:ring-2 focus:ring-teal-600/30 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400"
      />
      <div
        className={cn(
          'absolute inset-x-0 top-full z-40 mt-1 rounded-lg border border-slate-200 bg-white p-1.5 shadow-lg dark:border-slate-800 dark:bg-slate-900',
          !open && 'hidden',
        )}
      >
        <div id={listId} role="listbox" aria-label="Search results">
          <OptionGroup id={`${listId}-repos`} label="Repositories">
            {repositories.map(renderOption)}
          </OptionGroup>
          <OptionGroup id={`${listId}-tags`} label="Tags">
            {tags.map(renderOption)}
          </OptionGroup>
        </div>
        <p role="status" className={cn('px-2.5 py-2 text-sm text-slate-600 dark:text-slate-400', options.length > 0 && 'sr-only')}>
          {query.isError
            ? 'Search failed; try again.'
            : query.isFetching && !query.data
              ? 'Searching…'
              : options.length === 0
                ? `Nothing you can read matches “${term}”.`
                : `${options.length} ${options.length === 1 ? 'result' : 'results'}`}
        </p>
      </div>
    </div>
  );
}

/** A labelled group of the listbox's options; left out when it has none. */
function OptionGroup({ id, label, children }: { id: string; label: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <div role="group" aria-labelledby={id}>
      <div id={id} className={GROUP_LABEL}>
        {label}
      </div>
      {children}
    </div>
  );
}
