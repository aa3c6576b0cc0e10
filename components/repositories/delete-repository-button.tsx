'use client';

import { queryKeys } from '@/lib/client/query-keys';
import { deleteRepository } from '@/lib/client/repositories-api';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
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
        description={`Its ${repository.tagCount} ${repository.tagCount === 1 ? 'tag' : 'tags'}, manifests and access grants are deleted. Clients pulling it will fail. Storage no other repository uses is freed by the next garbage collection (daily by default), not at once.`}
        confirmLabel="Delete repository"
        confirmText={repository.name}
      />
    </>
  );
}
