'use client';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import { queryKeys, type TagListParams } from '@/lib/client/query-keys';
import { deleteTag, listTags } from '@/lib/client/repositories-api';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { SearchIcon, TagIcon, TrashIcon } from '@/components/ui/icons';
import { LabelledSelect, SearchField } from '@/components/ui/list-controls';
import { Pagination } from '@/components/ui/pagination';
import { QueryFallback } from '@/components/ui/query-view';
import { TableSkeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { useSelection } from '@/components/ui/use-selection';
import { readPage, readSort, useUrlParams, useUrlSearch } from '@/components/ui/use-url-list';
import { scanPollInterval } from '@/components/scans/tag-scan-cell';
import { BulkDeleteDialog } from '@/components/bulk/bulk-delete-dialog';
import { DeleteTagDialog } from './delete-tag-dialog';
import { TagTable } from './tag-table';
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
  const [bulkOpen, setBulkOpen] = useState(false);
  const queryClient = useQueryClient();
  const toast = useToast();
  // Selection for a bulk delete: names on the page shown; a new page, filter or sort starts afresh.
  const { selected, select, forget, clear } = useSelection(`${params.q ?? ''}|${sortKey}|${params.page}`);

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
          {can.deleteTag && selected.size > 0 ? (
            <div role="region" aria-label="Selected tags" className="mb-2 flex flex-wrap items-center gap-3 rounded-md bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800">
              <span aria-live="polite">
                {selected.size} {selected.size === 1 ? 'tag' : 'tags'} selected
              </span>
              <Button size="sm" variant="danger" onClick={() => setBulkOpen(true)}>
                <TrashIcon />
                Delete selected
              </Button>
              <Button size="sm" onClick={clear}>
                Clear selection
              </Button>
            </div>
          ) : null}
          <TagTable repository={repository} can={can} tags={query.data.items} selected={selected} onSelect={select} onDelete={setDeleting} />
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
      {can.deleteTag ? (
        <BulkDeleteDialog
          open={bulkOpen}
          names={[...selected]}
          noun={{ one: 'tag', many: 'tags' }}
          description={
            <>
              These tags of <span className="font-mono">{repository.name}</span> will no longer pull. Their images stay reachable by digest until the
              next garbage collection that removes untagged images. Immutable tags are refused.
            </>
          }
          deleteOne={(tag) => deleteTag(repository.name, tag)}
          onClose={() => setBulkOpen(false)}
          onFinished={async (deleted) => {
            forget(deleted);
            if (deleted.length) toast(deleted.length === 1 ? `Tag ${deleted[0]} deleted` : `${deleted.length} tags deleted`);
            await Promise.all([
              queryClient.invalidateQueries({ queryKey: queryKeys.repositories.tagLists(repository.name) }),
              queryClient.invalidateQueries({ queryKey: queryKeys.repositories.detail(repository.name) }),
              queryClient.invalidateQueries({ queryKey: queryKeys.repositories.lists() }),
            ]);
          }}
        />
      ) : null}
    </div>
  );
}
