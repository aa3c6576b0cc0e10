'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage } from '@/lib/client/field-errors';
import { queryKeys } from '@/lib/client/query-keys';
import { updateRepository } from '@/lib/client/repositories-api';
import type { VisibilityValue } from '@/lib/schemas/namespaces';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Switch } from '@/components/ui/switch';
import { useToast } from '@/components/ui/toast';

/** The Public switch. Opening a repository to everyone asks first; closing it does not. */
export function VisibilityToggle({ repository }: { repository: RepositoryDto }) {
  const id = useId();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const change = useMutation({
    mutationFn: (visibility: VisibilityValue) => updateRepository(repository.name, { visibility }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(queryKeys.repositories.detail(repository.name), updated);
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: queryKeys.repositories.lists() });
      toast(`${updated.name} is now ${updated.visibility}`);
    },
    onError: (err) => {
      if (!confirming) toast(errorMessage(err), 'error');
    },
  });
  const isPublic = repository.visibility === 'public';
  return (
    <div className="flex items-center gap-2.5 rounded-lg border border-slate-200 bg-white px-3 py-1.5 dark:border-slate-800 dark:bg-slate-900">
      <span id={`${id}-label`} className="text-sm font-medium">
        Public
      </span>
      <Switch
        checked={isPublic}
        disabled={change.isPending}
        aria-labelledby={`${id}-label`}
        onChange={(next) => {
          change.reset();
          if (next) setConfirming(true);
          else change.mutate('private');
        }}
      />
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Make ${repository.name} public?`}
        description="Anyone who can reach this registry will be able to see and pull it, without signing in. Pushing still needs write access."
        confirmLabel="Make public"
        tone="primary"
        pending={change.isPending}
        error={change.error ? errorMessage(change.error) : null}
        onConfirm={() => change.mutate('public')}
      />
    </div>
  );
}
