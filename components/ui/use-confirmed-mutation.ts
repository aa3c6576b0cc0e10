'use client';

import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { errorMessage } from '@/lib/client/field-errors';
import { useToast } from './toast';

/**
 * A change that asks first (a ConfirmDialog): `ask` opens the dialog afresh, `dialog` is spread into it. On success
 * the dialog closes, `forget` is dropped from the cache (a deleted thing must not flash back), every key in
 * `invalidate` is refetched, `done` is toasted and the browser goes to `goTo`.
 */
export function useConfirmedMutation({
  run,
  forget,
  invalidate,
  done,
  goTo,
}: {
  run: () => Promise<unknown>;
  forget?: QueryKey;
  invalidate: QueryKey[];
  done: string;
  goTo?: string;
}) {
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const mutation = useMutation({
    mutationFn: run,
    onSuccess: async () => {
      setOpen(false);
      if (forget) queryClient.removeQueries({ queryKey: forget });
      await Promise.all(invalidate.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      toast(done);
      if (goTo) router.push(goTo);
    },
  });
  return {
    ask: () => {
      mutation.reset();
      setOpen(true);
    },
    dialog: {
      open,
      onClose: () => setOpen(false),
      pending: mutation.isPending,
      error: mutation.error ? errorMessage(mutation.error) : null,
      onConfirm: () => mutation.mutate(),
    },
  };
}
