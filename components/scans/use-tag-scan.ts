'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { queryKeys } from '@/lib/client/query-keys';
import { getScan, startScan } from '@/lib/client/scans-api';
import { isScanActive } from './severity';

const POLL_MS = 1000;

/**
 * A tag's latest scan, polled about once a second while it is queued or running, and the action that starts one.
 * The tag page and the report share the query, so both follow the same scan.
 */
export function useTagScan(repository: string, tag: string, { enabled = true }: { enabled?: boolean } = {}) {
  const queryClient = useQueryClient();
  const key = queryKeys.scans.tag(repository, tag);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => getScan(repository, tag, signal),
    enabled,
    refetchInterval: (q) => (isScanActive(q.state.data?.status) ? POLL_MS : false),
  });

  // When a scan ends, the tags list's badge for it is out of date.
  const status = query.data?.status;
  const previous = useRef(status);
  useEffect(() => {
    if (isScanActive(previous.current) && status && !isScanActive(status)) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.repositories.tagLists(repository) });
    }
    previous.current = status;
  }, [status, repository, queryClient]);

  const start = useMutation({
    mutationFn: () => startScan(repository, tag),
    onSuccess: async (queued) => {
      queryClient.setQueryData(key, queued);
      await queryClient.invalidateQueries({ queryKey: queryKeys.repositories.tagLists(repository) });
    },
  });
  return { query, start };
}
