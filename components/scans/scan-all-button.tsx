'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/client/api-fetch';
import { errorMessage } from '@/lib/client/field-errors';
import { queryKeys } from '@/lib/client/query-keys';
import { repositoryApiPath } from '@/lib/paths/repository-paths';
import type { ScanAllResultDto } from '@/lib/schemas/scans';
import { Button } from '@/components/ui/button';
import { ShieldIcon } from '@/components/ui/icons';
import { useToast } from '@/components/ui/toast';

type Scope = { kind: 'repository'; name: string } | { kind: 'namespace'; name: string };

const scansPath = (scope: Scope) =>
  scope.kind === 'repository' ? `${repositoryApiPath(scope.name)}/scans` : `/api/v1/namespaces/${encodeURIComponent(scope.name)}/scans`;

/** "Scan all": queues a scan of every tagged image of a repository or namespace; offered to those who may scan. */
export function ScanAllButton({ scope }: { scope: Scope }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const run = useMutation({
    mutationFn: () => apiFetch<ScanAllResultDto>(scansPath(scope), { method: 'POST' }),
    onSuccess: async (r) => {
      const already = r.alreadyActive ? `; ${r.alreadyActive} already under way` : '';
      toast(`${r.queued} ${r.queued === 1 ? 'scan' : 'scans'} queued${already}`);
      if (scope.kind === 'repository') await queryClient.invalidateQueries({ queryKey: queryKeys.repositories.tagLists(scope.name) });
    },
    onError: (err) => toast(errorMessage(err), 'error'),
  });
  return (
    <Button onClick={() => run.mutate()} pending={run.isPending}>
      <ShieldIcon />
      Scan all
    </Button>
  );
}
