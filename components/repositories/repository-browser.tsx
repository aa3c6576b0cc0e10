'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { listNamespaces } from '@/lib/client/namespaces-api';
import { queryKeys, type RepositoryListParams } from '@/lib/client/query-keys';
import { listRepositories } from '@/lib/client/repositories-api';
import { repositoryHref, splitRepositoryName } from '@/lib/paths/repository-paths';
import { visibilitySchema } from '@/lib/schemas/namespaces';
import type { RepositoryListDto } from '@/lib/schemas/repositories';
import { Button, CreateLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { BoxIcon, SearchIcon } from '@/components/ui/icons';
import { LabelledSelect, PagedResults, SearchField } from '@/components/ui/list-controls';
import { PageHeader } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TBody, Td, HeaderRow, Tr } from '@/components/ui/table';
import { readPage, readSort, useUrlParams, useUrlSearch } from '@/components/ui/use-url-list';
import { PushInstructions } from './push-instructions';
import { RepositoryStatsCells } from './repository-cells';

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
  const { sortKey, sort, order } = readSort(sp, SORTS, 'name:asc');
  return {
    q: sp.get('q') || undefined,
    namespace: sp.get('namespace') || undefined,
    visibility: visibilitySchema.safeParse(sp.get('visibility')).data,
    sort: sort as 'name' | 'lastPush',
    order,
    page: readPage(sp),
    pageSize: PAGE_SIZE,
    sortKey,
  };
}

export function RepositoryBrowser() {
  const { sortKey, ...params } = readParams(useSearchParams());
  const setParams = useUrlParams();
  const { search, setSearch, cancelPending } = useUrlSearch(params.q, setParams);

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
        actions={<CreateLink href={newHref}>New repository</CreateLink>}
      />
      <form role="search" aria-label="Filter repositories" className="mb-4 grid gap-2 sm:grid-cols-[1fr_auto_auto_auto]" onSubmit={(e) => e.preventDefault()}>
        <SearchField id="repo-search" label="Search by name" value={search} onChange={setSearch} />
        <div className="grid grid-cols-2 gap-2 sm:contents">
          <LabelledSelect
            id="repo-namespace"
            label="Namespace"
            value={params.namespace ?? ''}
            onChange={(v) => setParams({ namespace: v || undefined })}
            className="sm:w-44"
          >
            <option value="">All namespaces</option>
            {params.namespace && !namespaces.data?.items.some((n) => n.name === params.namespace) ? (
              <option value={params.namespace}>{params.namespace}</option>
            ) : null}
            {namespaces.data?.items.map((n) => (
              <option key={n.id} value={n.name}>
                {n.name}
              </option>
            ))}
          </LabelledSelect>
          <LabelledSelect
            id="repo-visibility"
            label="Visibility"
            value={params.visibility ?? ''}
            options={VISIBILITIES}
            onChange={(v) => setParams({ visibility: v || undefined })}
            className="sm:w-36"
          />
        </div>
        <LabelledSelect
          id="repo-sort"
          label="Sort by"
          value={sortKey}
          options={SORTS}
          onChange={(v) => setParams({ sort: v === 'name:asc' ? undefined : v })}
          className="sm:w-52"
        />
      </form>

      <QueryView
        query={query}
        loading={<TableSkeleton label="Loading repositories" />}
        errorTitle="Could not load repositories"
        isEmpty={(data) => data.items.length === 0}
        empty={
          filtered ? (
            <NoMatch
              onClear={() => {
                setSearch('');
                setParams({ q: undefined, namespace: undefined, visibility: undefined });
              }}
            />
          ) : (
            <NoRepositories noNamespaces={namespaces.data?.items.length === 0} />
          )
        }
      >
        {(data) => (
          <PagedResults
            page={data}
            busy={query.isFetching}
            stale={query.isPlaceholderData}
            label="Repository pages"
            setParams={setParams}
            onClickCapture={cancelPending}
          >
            <RepositoryTable repositories={data.items} />
          </PagedResults>
        )}
      </QueryView>
    </>
  );
}

const VISIBILITIES = { '': 'Public and private', public: 'Public', private: 'Private' };

function NoMatch({ onClear }: { onClear: () => void }) {
  return (
    <EmptyState icon={<SearchIcon className="size-5" />} title="No repositories match" action={<Button onClick={onClear}>Clear filters</Button>}>
      Nothing you can see matches these filters. Private repositories appear only to users with access.
    </EmptyState>
  );
}

function NoRepositories({ noNamespaces }: { noNamespaces: boolean }) {
  return (
    <EmptyState
      icon={<BoxIcon className="size-5" />}
      title="No repositories yet"
      action={<CreateLink href={noNamespaces ? '/namespaces/new' : '/repositories/new'}>{noNamespaces ? 'Create a namespace' : 'New repository'}</CreateLink>}
    >
      <p className="mb-4">
        {noNamespaces
          ? 'Repositories live in namespaces. Create a namespace first, then push an image to it:'
          : 'Create one here, or push an image to a namespace you can write to:'}
      </p>
      <PushInstructions />
    </EmptyState>
  );
}

function RepositoryTable({ repositories }: { repositories: RepositoryListDto['items'] }) {
  return (
    <Table label="Repositories">
      <HeaderRow
        columns={[
          'Repository',
          'Visibility',
          { label: 'Tags', className: 'hidden text-right sm:table-cell' },
          { label: 'Last push', className: 'hidden sm:table-cell' },
        ]}
      />
      <TBody>
        {repositories.map((repo) => {
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
              <RepositoryStatsCells repo={repo} />
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
