'use client';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { queryKeys } from '@/lib/client/query-keys';
import { deleteRepository, listRepositories } from '@/lib/client/repositories-api';
import { repositoryHref, splitRepositoryName } from '@/lib/paths/repository-paths';
import { Button, ButtonLink } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { TrashIcon } from '@/components/ui/icons';
import { Pagination } from '@/components/ui/pagination';
import { TableSkeleton } from '@/components/ui/skeleton';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { useSelection } from '@/components/ui/use-selection';
import { BulkDeleteDialog } from '@/components/bulk/bulk-delete-dialog';
import { RepositoryStatsCells } from '@/components/repositories/repository-cells';
import { ErrorNotice } from '@/components/ui/error-notice';

const PAGE_SIZE = 20;
const CHECKBOX = 'size-4 rounded border-slate-400 accent-teal-700 dark:border-slate-600';

/**
 * The namespace's repositories that the user can read, a page at a time. Namespace administrators (who may delete
 * its repositories) can select several and delete them with one confirmation; the service authorizes each delete.
 */
export function NamespaceRepositories({ namespace, selectable }: { namespace: string; selectable: boolean }) {
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const toast = useToast();
  const params = { namespace, page, pageSize: PAGE_SIZE, sort: 'name' as const, order: 'asc' as const };
  const query = useQuery({ queryKey: queryKeys.repositories.list(params), queryFn: ({ signal }) => listRepositories(params, signal), placeholderData: keepPreviousData });
  const { selected, select, forget } = useSelection(page);
  const items = query.data?.items ?? [];
  const allSelected = items.length > 0 && items.every((r) => selected.has(r.name));

  return (
    <Card>
      <CardHeader
        id="namespace-repositories"
        title="Repositories"
        description={query.data ? `${query.data.total} you can see in this namespace` : undefined}
        action={
          selectable && selected.size > 0 ? (
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm" aria-live="polite">
                {selected.size} selected
              </span>
              <Button size="sm" variant="danger" onClick={() => setOpen(true)}>
                <TrashIcon />
                Delete selected
              </Button>
            </div>
          ) : (
            <ButtonLink size="sm" href={`/repositories?namespace=${encodeURIComponent(namespace)}`}>
              Search and filter
            </ButtonLink>
          )
        }
      />
      {query.isPending ? (
        <TableSkeleton label="Loading repositories" rows={3} />
      ) : query.isError ? (
        <ErrorNotice error={query.error} title="Could not load repositories" className="m-4" />
      ) : items.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600 dark:text-slate-400">No repositories yet.</p>
      ) : (
        <div className="p-4">
          <Table label={`Repositories of ${namespace}`}>
            <THead>
              <tr>
                {selectable ? (
                  <Th className="w-8 pr-0">
                    <input type="checkbox" aria-label="Select every repository on this page" className={CHECKBOX} checked={allSelected} onChange={(e) => select(items.map((r) => r.name), e.target.checked)} />
                  </Th>
                ) : null}
                <Th>Repository</Th>
                <Th>Visibility</Th>
                <Th className="hidden text-right sm:table-cell">Tags</Th>
                <Th className="hidden sm:table-cell">Last push</Th>
              </tr>
            </THead>
            <TBody>
              {items.map((repo) => (
                <Tr key={repo.id}>
                  {selectable ? (
                    <Td className="w-8 pr-0">
                      <input type="checkbox" aria-label={`Select repository ${repo.name}`} className={CHECKBOX} checked={selected.has(repo.name)} onChange={(e) => select([repo.name], e.target.checked)} />
                    </Td>
                  ) : null}
                  <Td className="max-w-0 w-full">
                    <Link href={repositoryHref(repo.name)} className="block truncate font-medium text-teal-800 hover:underline dark:text-teal-300">
                      {splitRepositoryName(repo.name).name}
                    </Link>
                  </Td>
                  <RepositoryStatsCells repo={repo} />
                </Tr>
              ))}
            </TBody>
          </Table>
          <Pagination label="Repository pages" page={query.data.page} pageSize={query.data.pageSize} total={query.data.total} onPage={setPage} />
        </div>
      )}
      {selectable ? (
        <BulkDeleteDialog
          open={open}
          names={[...selected]}
          noun={{ one: 'repository', many: 'repositories' }}
          confirmText={namespace}
          description="Their tags, manifests and access grants are deleted, and clients pulling them will fail. Storage no other repository uses is freed by the next garbage collection."
          deleteOne={(name) => deleteRepository(name)}
          onClose={() => setOpen(false)}
          onFinished={async (deleted) => {
            forget(deleted);
            for (const name of deleted) queryClient.removeQueries({ queryKey: queryKeys.repositories.detail(name) });
            if (deleted.length) toast(deleted.length === 1 ? `Repository ${deleted[0]} deleted` : `${deleted.length} repositories deleted`);
            await Promise.all([
              queryClient.invalidateQueries({ queryKey: queryKeys.repositories.lists() }),
              queryClient.invalidateQueries({ queryKey: queryKeys.namespaces.all }),
            ]);
          }}
        />
      ) : null}
    </Card>
  );
}
