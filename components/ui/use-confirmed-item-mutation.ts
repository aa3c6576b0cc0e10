'use client';

import { useMutation, useQueryClient, type QueryKey, type UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '@/lib/client/field-errors';
import { useToast } from './toast';

/**
 * A change to one row of a list that asks first (a ConfirmDialog): `ask(item)` opens the dialog afresh about that
 * item, `target` is the item asked about (for the dialog's title), `dialog` is spread into the ConfirmDialog. On
 * success the dialog closes, `onDone` runs, every key in `invalidate` is refetched and `done(item)` is toasted.
 */
export function useConfirmedItemMutation<T>({
  run,
  invalidate,
  done,
  onDone,
}: {
  run: (item: T) => Promise<unknown>;
  invalidate: QueryKey[];
  done: (item: T) => string;
  onDone?: (item: T) => void;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<T | null>(null);
  const mutation = useMutation({
    mutationFn: run,
    onSuccess: async (_, item) => {
      setTarget(null);
      onDone?.(item);
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      toast(done(item));
    },
  });
  return {
    target,
    ask: (item: T) => {
      mutation.reset();
      setTarget(item);
    },
    dialog: confirmItemProps(target, mutation, () => setTarget(null)),
  };
}

/**
 * What a ConfirmDialog about one item shows of the `mutation` that changes it: open while `item` is set, pending
 * while it runs, its error, and a confirm that runs it on the item. Closing forgets a failed attempt, so the next
 * item's dialog opens without the last one's error.
 */
export function confirmItemProps<T>(item: T | null, mutation: UseMutationResult<unknown, Error, T>, onClose: () => void) {
  return {
    open: item !== null,
    onClose: () => {
      mutation.reset();
      onClose();
    },
    pending: mutation.isPending,
    error: mutation.error ? errorMessage(mutation.error) : null,
    onConfirm: () => {
      if (item !== null) mutation.mutate(item);
    },
  };
}
