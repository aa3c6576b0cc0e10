'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/client/query-keys';
import { deleteTag } from '@/lib/client/repositories-api';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { SpaceReturnsNote } from '@/components/lifecycle/space-returns-note';
import { useToast } from '@/components/ui/toast';
import { confirmItemProps } from '@/components/ui/use-confirmed-item-mutation';

/** Confirms and deletes one tag, saying truthfully when the image's storage comes back. */
export function DeleteTagDialog({ repository, tag, onClose, onDeleted }: { repository: string; tag: string | null; onClose: () => void; onDeleted?: () => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (t: string) => deleteTag(repository, t),
    onSuccess: async (_, t) => {
      onClose();
      toast(`Tag ${t} deleted`);
      onDeleted?.();
      // The deleted tag's own detail query is left alone: refetching it would only flash "not found".
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.repositories.tagLists(repository) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.repositories.detail(repository) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.repositories.lists() }),
      ]);
    },
  });
  return (
    <ConfirmDialog
      {...confirmItemProps(tag, remove, onClose)}
      title={`Delete tag ${tag ?? ''}?`}
      description={
        <>
          <span className="font-mono">
            {repository}:{tag}
          </span>{' '}
          will no longer pull. The image stays reachable by digest until garbage collection removes it as untagged (unless
          another tag points at it).
          <SpaceReturnsNote what="the image" />
        </>
      }
      confirmLabel="Delete tag"
    />
  );
}
