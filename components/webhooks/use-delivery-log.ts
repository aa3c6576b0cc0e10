'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '@/lib/client/query-keys';
import { listDeliveries, type WebhookScope } from '@/lib/client/webhooks-api';
import type { DeliveryPageDto } from '@/lib/schemas/webhooks';

export const DELIVERY_PAGE_SIZE = 20;
const POLL_MS = 1500;

/** A webhook's deliveries, newest first, a page at a time; polled while any loaded delivery is still pending. */
export function useDeliveryLog(scope: WebhookScope, id: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.webhooks.deliveryLog(scope, id),
    queryFn: ({ pageParam, signal }) => listDeliveries(scope, id, { cursor: pageParam, limit: DELIVERY_PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: DeliveryPageDto) => last.nextCursor ?? undefined,
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some((d) => d.status === 'pending')) ? POLL_MS : false),
  });
}
