'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import { errorMessage } from '@/lib/client/field-errors';
import { formatBytes } from '@/lib/client/format';
import { queryKeys, type TagListParams } from '@/lib/client/query-keys';
import { listTags } from '@/lib/client/repositories-api';
import { repositoryHref } from '@/lib/paths/repository-paths';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import { Button, IconButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { SearchIcon, TagIcon, TrashIcon } from '@/components/ui/icons';
import { Input, Select } from '@/components/ui/input';
import { Notice } from '@/components/ui/notice';
import { Pagination } from '@/components/ui/pagination';
import { RelativeTime } from '@/components/ui/relative-time';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { hasScanColumn, scanPollInterval, TagScanCell } from '@/components/scans/tag-scan-cell';
import { DeleteTagDialog } from './delete-tag-dialog';
import { Digest } from './digest';
import { Platforms } from './platforms';
import { TagName } from './tag-name';
import { PushInstructions } from './push-instructions';

const PAGE_SIZE = 25;
const SORTS = {
  'pushedAt:desc': 'Pushed, newest first',
  'pushedAt:asc': 'Pushed, oldest first',
  'name:asc': 'Tag, A to Z',
  'name:desc': 'Tag, Z to A',
} as const;
type SortKey = keyof typeof SORTS;
const DEFAULT_SORT: SortKey = 'pushedAt:desc';

export function TagList({ repository, can }: { repository: RepositoryDto; can: RepositoryCapabilities }) {
  const pathname = usePathname();
  const sp = useSearchParams();
  const rawSort = sp.get('sort') ?? DEFAULT_SORT;
  const sortKey: SortKey = Object.hasOwn(SORTS, rawSort) ? (rawSort as SortKey) : DEFAULT_SORT;
  const [sort, order] = sortKey.split(':') as ['name' | 'pushedAt', 'asc' | 'desc'];
  const params: TagListParams = {
    q: sp.get('q') || undefined,
    sort,
    order,
    page: Math.max(1, Number.parseInt(sp.get('page') ?? '1', 10) || 1),
    pageSize: PAGE_SIZE,
  };
  const [filter, setFilter] = useState(params.q ?? '');
  // A click on a result while a search is pending must win over the search's own navigation.
  const pendingSearch = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [deleting, setDeleting] = useState<string | null>(null);

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

  useEffect(() => {
    if (filter === (params.q ?? '')) return;
    const t = setTimeout(() => setParams({ q: filter.trim() || undefined }), 250);
    pendingSearch.current = t;
    return () => clearTimeout(t);
  }, [filter]);

  const query = useQuery({
    queryKey: queryKeys.repositories.tagList(repository.name, params),
    queryFn: ({ signal }) => listTags(repository.name, params, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => scanPollInterval(q.state.data),
  });

  // A page past the end (its last tags were just deleted) goes back to the first.
  const overshot = !!query.data && query.data.items.length === 0 && (params.page ?? 1) > 1;
  useEffect(() => {
    if (overshot) setParams({ page: undefined });
  }, [overshot]);

  if (!params.q && query.data?.total === 0) {
    return (
      <EmptyState icon={<TagIcon className="size-5" />} title="No tags yet">
        <p className="mb-4">Push an image to this repository and its tags appear here:</p>
        <PushInstructions repository={repository.name} />
      </EmptyState>
    );
  }

  return (
    <div>
      <div className="mb-3 flex flex-col gap-2 sm:flex-row">
        <div className="relative flex-1">
          <label htmlFor="tag-filter" className="sr-only">
            Filter tags
          </label>
          <SearchIcon className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-slate-500 dark:text-slate-400" />
          <Input id="tag-filter" type="search" placeholder="Filter tags" value={filter} onChange={(e) => setFilter(e.target.value)} className="pl-9 sm:max-w-xs" />
        </div>
        <div>
          <label htmlFor="tag-sort" className="sr-only">
            Sort tags
          </label>
          <Select id="tag-sort" value={sortKey} onChange={(e) => setParams({ sort: e.target.value === DEFAULT_SORT ? undefined : e.target.value })} className="sm:w-56">
            {Object.entries(SORTS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {query.isPending ? (
        <TableSkeleton label="Loading tags" rows={3} />
      ) : query.isError ? (
        <Notice tone="error" title="Could not load tags">
          {errorMessage(query.error)}
        </Notice>
      ) : query.data.items.length === 0 ? (
        <EmptyState
          icon={<SearchIcon className="size-5" />}
          title="No tags match"
          action={
            <Button
              onClick={() => {
                setFilter('');
                setParams({ q: undefined });
              }}
            >
              Clear filter
            </Button>
          }
        >
          No tag name contains “{params.q}”.
        </EmptyState>
      ) : (
        <div
          className={query.isPlaceholderData ? 'opacity-70 transition-opacity' : undefined}
          aria-busy={query.isFetching}
          onClickCapture={() => clearTimeout(pendingSearch.current)}
        >
          <Table label={`Tags of ${repository.name}`}>
            <THead>
              <tr>
                <Th>Tag</Th>
                <Th className="hidden sm:table-cell">Digest</Th>
                <Th className="hidden lg:table-cell">Image ID</Th>
                <Th className="text-right">Size</Th>
                <Th className="hidden md:table-cell">Platforms</Th>
                {hasScanColumn(query.data.items) ? <Th className="hidden sm:table-cell">Vulnerabilities</Th> : null}
                <Th className="hidden sm:table-cell">Pushed</Th>
                {can.deleteTag ? (
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                ) : null}
              </tr>
            </THead>
            <TBody>
              {query.data.items.map((tag) => (
                <Tr key={tag.name} data-testid={`tag-row-${tag.name}`}>
                  <Td className="min-w-32 max-w-80">
                    <Link
                      href={repositoryHref(repository.name, { tab: 'tag', tag: tag.name })}
                      className="font-mono font-medium text-teal-800 [overflow-wrap:normal] hover:underline dark:text-teal-300"
                    >
                      <TagName name={tag.name} />
                    </Link>
                    <span className="mt-0.5 block text-xs text-slate-500 sm:hidden dark:text-slate-400">
                      <RelativeTime iso={tag.pushedAt} />
                    </span>
                  </Td>
                  <Td className="hidden sm:table-cell">
                    <Digest digest={tag.digest} label={`digest of ${tag.name}`} />
                  </Td>
                  <Td className="hidden lg:table-cell">
                    {tag.configDigest ? <Digest digest={tag.configDigest} label={`image ID of ${tag.name}`} /> : <span className="text-slate-500 dark:text-slate-400">—</span>}
                  </Td>
                  <Td className="whitespace-nowrap text-right tabular-nums">{formatBytes(tag.size)}</Td>
                  <Td className="hidden md:table-cell">
                    <Platforms platforms={tag.platforms} platform={tag.platform} />
                  </Td>
                  {hasScanColumn(query.data.items) ? (
                    <Td className="hidden sm:table-cell">
                      <TagScanCell repository={repository.name} tag={tag} />
                    </Td>
                  ) : null}
                  <Td className="hidden whitespace-nowrap text-slate-600 sm:table-cell dark:text-slate-400">
                    <RelativeTime iso={tag.pushedAt} />
                    {tag.pushedBy ? <span className="block text-xs">by {tag.pushedBy}</span> : null}
                  </Td>
                  {can.deleteTag ? (
                    <Td className="w-10 py-2 text-right">
                      <IconButton label={`Delete tag ${tag.name}`} onClick={() => setDeleting(tag.name)} className="hover:text-red-600 dark:hover:text-red-400">
                        <TrashIcon />
                      </IconButton>
                    </Td>
                  ) : null}
                </Tr>
              ))}
            </TBody>
          </Table>
          <Pagination
            label="Tag pages"
            page={query.data.page}
            pageSize={query.data.pageSize}
            total={query.data.total}
            onPage={(page) => setParams({ page: page > 1 ? String(page) : undefined }, false)}
          />
        </div>
      )}
      {can.deleteTag ? <DeleteTagDialog repository={repository.name} tag={deleting} onClose={() => setDeleting(null)} /> : null}
    </div>
  );
}
