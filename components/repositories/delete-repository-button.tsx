'use client';

import { queryKeys } from '@/lib/client/query-keys';
import { deleteRepository } from '@/lib/client/repositories-api';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { SpaceReturnsNote } from '@/components/lifecycle/space-returns-note';
import { TrashIcon } from '@/components/ui/icons';
import { useConfirmedMutation } from '@/components/ui/use-confirmed-mutation';

export function DeleteRepositoryButton({ repository }: { repository: RepositoryDto }) {
  const flow = useConfirmedMutation({
    run: () => deleteRepository(repository.name),
    forget: queryKeys.repositories.detail(repository.name),
    invalidate: [queryKeys.repositories.all, queryKeys.namespaces.all],
    done: `Repository ${repository.name} deleted`,
    goTo: '/repositories',
  });
  return (
    <>
      <Button variant="secondary" className="text-red-700 dark:text-red-400" onClick={flow.ask}>
        <TrashIcon />
        Delete
      </Button>
      <ConfirmDialog
        {...flow.dialog}
        title={`Delete ${repository.name}?`}
        description={
          <>
            Its {repository.tagCount} {repository.tagCount === 1 ? 'tag' : 'tags'}, manifests and access grants are deleted. Clients pulling it will fail.
            <SpaceReturnsNote what="the repository" />
          </>
        }
        confirmLabel="Delete repository"
        confirmText={repository.name}
      />
    </>
  );
}
