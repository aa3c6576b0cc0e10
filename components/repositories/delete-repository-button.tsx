'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { errorMessage } from '@/lib/client/field-errors';
import { queryKeys } from '@/lib/client/query-keys';
import { deleteRepository } from '@/lib/client/repositories-api';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { SpaceReturnsNote } from '@/components/lifecycle/space-returns-note';
import { TrashIcon } from '@/components/ui/icons';
import { useToast } from '@/components/ui/toast';

export function DeleteRepositoryButton({ repository }: { repository: RepositoryDto }) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: () => deleteRepository(repository.name),
    onSuccess: async () => {
      setOpen(false);
      queryClient.removeQueries({ queryKey: queryKeys.repositories.detail(repository.name) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.repositories.all }),
        queryClient.invalidateQueries({ queryKey: queryKeys.namespaces.all }),
      ]);
      toast(`Repository ${repository.name} deleted`);
      router.push('/repositories');
    },
  });
  return (
    <>
      <Button
        variant="secondary"
        className="text-red-700 dark:text-red-400"
        onClick={() => {
          remove.reset();
          setOpen(true);
        }}
      >
        <TrashIcon />
        Delete
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete ${repository.name}?`}
        description={
          <>
            Its {repository.tagCount} {repository.tagCount === 1 ? 'tag' : 'tags'}, manifests and access grants are deleted. Clients pulling it will fail.
            <SpaceReturnsNote what="the repository" />
          </>
        }
        confirmLabel="Delete repository"
        confirmText={repository.name}
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => remove.mutate()}
      />
    </>
  );
}
