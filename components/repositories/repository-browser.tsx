'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '@/lib/client/field-errors';
import { listNamespaces } from '@/lib/client/namespaces-api';
import { queryKeys, type RepositoryListParams } from '@/lib/client/query-keys';
import { listRepositories } from '@/lib/client/repositories-api';
import { repositoryHref, splitRepositoryName } from '@/lib/paths/repository-paths';
import { visibilitySchema } from '@/lib/schemas/namespaces';
import { Button, ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { BoxIcon, PlusIcon, SearchIcon } from '@/components/ui/icons';
import { Input, Select } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { RelativeTime } from '@/components/ui/relative-time';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { PushInstructions } from './push-instructions';
import { VisibilityBadge } from './visibility';

const PAGE_SIZE = 20;
const SORTS = {
  'name:asc': 'Name, A to Z',
  'name:desc': 'Name, Z to A',
  'lastPush:desc': 'Last push, newest first',
  'lastPush:asc': 'Last push, oldest first',
} as const;
type SortKey = keyof typeof SORTS;

/** The list's state lives in the URL, so a filtered view can be reloaded, linked and navigated back to. */
function readParams(sp: URLSearchParams): RepositoryListParams & { sortKey: SortKey } {
  const visibility = visibilitySchema.safeParse(sp.get('visibility')).data;
  const rawSort = sp.get('sort') ?? 'name:asc';
  const sortKey: SortKey = Object.hasOwn(SORTS, rawSort) ? (rawSort as SortKey) : 'name:asc';
  const [sort, order] = sortKey.split(':') as ['name' | 'lastPush', 'asc' | 'desc'];
  const page = Math.max(1, Number.parseInt(sp.get('page') ?? '1', 10) || 1);
  return {
    q: sp.get('q') || undefined,
    namespace: sp.get('namespace') || undefined,
    visibility,
    sort,
    order,
    page,
    pageSize: PAGE_SIZE,
    sortKey,
  };
}

export function RepositoryBrowser() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { sortKey, ...params } = readParams(searchParams);
  const [search, setSearch] = useState(params.q ?? '');
  // A click on a result while a search is pending must win over the search's own navigation.
  const pendingSearch = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // The URL is updated in place (Next.js keeps useSearchParams in step with history.replaceState): no server round
  // trip, and each change builds on the URL as it is now, so quick successive changes cannot undo one another.
  const setParams = (changes: Record<string, string | undefined>, resetPage = true) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v);
    else next.delete(k);
    if (resetPage) next.delete('page');
    const qs = next.toString();
    window.history.replaceState(null, '', qs ? `${pathname}?${qs}` : pathname);
  };

  // Typing searches after a short pause, not on every key.
  useEffect(() => {
    if (search === (params.q ?? '')) return;
    const t = setTimeout(() => setParams({ q: search.trim() || undefined }), 250);
    pendingSearch.current = t;
    return () => clearTimeout(t);
  }, [search]);

  const namespaces = useQuery({ queryKey: queryKeys.namespaces.list(), queryFn: ({ signal }) => listNamespaces(signal) });
  const query = useQuery({
    queryKey: queryKeys.repositories.list(params),
    queryFn: ({ signal }) => listRepositories(params, signal),
    placeholderData: keepPreviousData,
  });
  const filtered = !!(params.q || params.namespace || params.visibility);
  const newHref = params.namespace ? `/repositories/new?namespace=${encodeURIComponent(params.namespace)}` : '/repositories/new';

  return (
    <>
      <PageHeader
        title="Repositories"
        description="Every repository you can pull from, across namespaces."
        actions={
          <ButtonLink href={newHref} variant="primary">
            <PlusIcon />
            New repository
          </ButtonLink>
        }
      />
      <form role="search" aria-label="Filter repositories" className="mb-4 grid gap-2 sm:grid-cols-[1fr_auto_auto_auto]" onSubmit={(e) => e.preventDefault()}>
        <div className="relative">
          <label htmlFor="repo-search" className="sr-only">
            Search by name
          </label>
          <SearchIcon className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-500 dark:text-slate-400" />
          <Input id="repo-search" type="search" placeholder="Search by name" value={search} onChange={(e) => setSearch(e.target.value)} className="pl-9" />
        </div>
        <div className="grid grid-cols-2 gap-2 sm:contents">
          <div>
            <label htmlFor="repo-namespace" className="sr-only">
              Namespace
            </label>
            <Select id="repo-namespace" value={params.namespace ?? ''} onChange={(e) => setParams({ namespace: e.target.value || undefined })} className="sm:w-44">
              <option value="">All namespaces</option>
              {params.namespace && !namespaces.data?.items.some((n) => n.name === params.namespace) ? <option value={params.namespace}>{params.namespace}</option> : null}
              {namespaces.data?.items.map((n) => (
                <option key={n.id} value={n.name}>
                  {n.name}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <label htmlFor="repo-visibility" className="sr-only">
              Visibility
            </label>
            <Select id="repo-visibility" value={params.visibility ?? ''} onChange={(e) => setParams({ visibility: e.target.value || undefined })} className="sm:w-36">
              <option value="">Public and private</option>
              <option value="public">Public</option>
              <option value="private">Private</option>
            </Select>
          </div>
        </div>
        <div>
          <label htmlFor="repo-sort" className="sr-only">
            Sort by
          </label>
          <Select id="repo-sort" value={sortKey} onChange={(e) => setParams({ sort: e.target.value === 'name:asc' ? undefined : e.target.value })} className="sm:w-52">
            {Object.entries(SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
      </form>

      {query.isPending ? (
        <TableSkeleton label="Loading repositories" />
      ) : query.isError ? (
        <Notice tone="error" title="Could not load repositories">
          {errorMessage(query.error)}
        </Notice>
      ) : query.data.items.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={<SearchIcon className="size-5" />}
            title="No repositories match"
            action={
              <Button
                onClick={() => {
                  setSearch('');
                  setParams({ q: undefined, namespace: undefined, visibility: undefined });
                }}
              >
                Clear filters
              </Button>
            }
          >
            Nothing you can see matches these filters. Private repositories appear only to users with access.
          </EmptyState>
        ) : (
          <EmptyState
            icon={<BoxIcon className="size-5" />}
            title="No repositories yet"
            action={
              namespaces.data?.items.length === 0 ? (
                <ButtonLink href="/namespaces/new" variant="primary">
                  <PlusIcon />
                  Create a namespace
                </ButtonLink>
              ) : (
                <ButtonLink href="/repositories/new" variant="primary">
                  <PlusIcon />
                  New repository
                </ButtonLink>
              )
            }
          >
            <p className="mb-4">
              {namespaces.data?.items.length === 0
                ? 'Repositories live in namespaces. Create a namespace first, then push an image to it:'
                : 'Create one here, or push an image to a namespace you can write to:'}
            </p>
            <PushInstructions />
          </EmptyState>
        )
      ) : (
        <div
          aria-busy={query.isFetching}
          className={query.isPlaceholderData ? 'opacity-70 transition-opacity' : undefined}
          onClickCapture={() => clearTimeout(pendingSearch.current)}
        >
          <Table label="Repositories">
            <THead>
              <tr>
                <Th>Repository</Th>
                <Th>Visibility</Th>
                <Th className="hidden text-right sm:table-cell">Tags</Th>
                <Th className="hidden sm:table-cell">Last push</Th>
              </tr>
            </THead>
            <TBody>
              {query.data.items.map((repo) => {
                const { namespace, name } = splitRepositoryName(repo.name);
                return (
                  <Tr key={repo.id}>
                    <Td className="max-w-0 w-full">
                      <Link href={repositoryHref(repo.name)} className="group block truncate font-medium">
                        <span className="text-slate-500 dark:text-slate-400">{namespace}/</span>
                        <span className="text-teal-800 group-hover:underline dark:text-teal-300">{name}</span>
                      </Link>
                      {repo.summary ? <p className="mt-0.5 truncate text-slate-600 dark:text-slate-400">{repo.summary}</p> : null}
                    </Td>
                    <Td>
                      <VisibilityBadge visibility={repo.visibility} />
                    </Td>
                    <Td className="hidden text-right tabular-nums sm:table-cell">{repo.tagCount}</Td>
                    <Td className="hidden whitespace-nowrap text-slate-600 sm:table-cell dark:text-slate-400">
                      {repo.lastPushedAt ? <RelativeTime iso={repo.lastPushedAt} /> : <span className="text-slate-500 dark:text-slate-400">never</span>}
                    </Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
          <Pagination
            label="Repository pages"
            page={query.data.page}
            pageSize={query.data.pageSize}
            total={query.data.total}
            onPage={(page) => setParams({ page: page > 1 ? String(page) : undefined }, false)}
          />
        </div>
      )}
    </>
  );
}
