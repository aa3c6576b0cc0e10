'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import { formatBytes } from '@/lib/client/format';
import { queryKeys, type TagListParams } from '@/lib/client/query-keys';
import { listTags } from '@/lib/client/repositories-api';
import { repositoryHref } from '@/lib/paths/repository-paths';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import { Button, IconButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { SearchIcon, TagIcon, TrashIcon } from '@/components/ui/icons';
import { LabelledSelect, SearchField } from '@/components/ui/list-controls';
import { Pagination } from '@/components/ui/pagination';
import { QueryFallback } from '@/components/ui/query-view';
import { RelativeTime } from '@/components/ui/relative-time';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { readPage, readSort, useUrlParams, useUrlSearch } from '@/components/ui/use-url-list';
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
const DEFAULT_SORT: keyof typeof SORTS = 'pushedAt:desc';

export function TagList({ repository, can }: { repository: RepositoryDto; can: RepositoryCapabilities }) {
  const sp = useSearchParams();
  const { sortKey, sort, order } = readSort(sp, SORTS, DEFAULT_SORT);
  const params: TagListParams = { q: sp.get('q') || undefined, sort: sort as 'name' | 'pushedAt', order, page: readPage(sp), pageSize: PAGE_SIZE };
  const setParams = useUrlParams();
  const { search: filter, setSearch: setFilter, cancelPending } = useUrlSearch(params.q, setParams);
  const [deleting, setDeleting] = useState<string | null>(null);

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
        <SearchField id="tag-filter" label="Filter tags" value={filter} onChange={setFilter} className="flex-1" inputClassName="sm:max-w-xs" />
        <LabelledSelect id="tag-sort" label="Sort tags" value={sortKey} options={SORTS} onChange={(v) => setParams({ sort: v === DEFAULT_SORT ? undefined : v })} className="sm:w-56" />
      </div>
      {query.data === undefined ? (
        <QueryFallback query={query} loading={<TableSkeleton label="Loading tags" rows={3} />} errorTitle="Could not load tags" />
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
          onClickCapture={cancelPending}
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
