'use client';

import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '@/lib/client/query-keys';
import { getDelivery, type WebhookScope } from '@/lib/client/webhooks-api';

const POLL_MS = 1500;

/** One delivery with its attempts, asked for by id; polled while it is still being sent. */
export function useDelivery(scope: WebhookScope, webhookId: string, deliveryId: string) {
  return useQuery({
    queryKey: queryKeys.webhooks.delivery(scope, webhookId, deliveryId),
    queryFn: ({ signal }) => getDelivery(scope, webhookId, deliveryId, signal),
    refetchInterval: (q) => (q.state.data?.status === 'pending' ? POLL_MS : false),
  });
}
