'use client';

import type { ReactNode } from 'react';
import { isApiError } from '@/lib/client/api-fetch';
import { errorMessage } from '@/lib/client/field-errors';
import type { WebhookScope } from '@/lib/client/webhooks-api';
import type { DeliveryDto } from '@/lib/schemas/webhooks';
import { Notice } from '@/components/ui/notice';
import { Skeleton } from '@/components/ui/skeleton';
import { useDelivery } from './use-delivery';

/** A delivery a link named that is not on the loaded pages of the log (an older one), fetched by id. */
export function LinkedDelivery({
  scope,
  webhookId,
  deliveryId,
  render,
}: {
  scope: WebhookScope;
  webhookId: string;
  deliveryId: string;
  render: (delivery: DeliveryDto) => ReactNode;
}) {
  const query = useDelivery(scope, webhookId, deliveryId);
  return (
    <div className="border-b border-slate-200 dark:border-slate-800">
      <p className="px-5 pt-3 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Linked delivery</p>
      {query.isPending ? (
        <div role="status" aria-label="Loading the linked delivery" className="p-5 pt-2">
          <Skeleton className="h-10 w-full" />
        </div>
      ) : query.isError ? (
        <div className="p-5 pt-2">
          <Notice tone={isApiError(query.error, 404) ? 'info' : 'error'}>
            {isApiError(query.error, 404) ? 'That delivery is no longer kept (old deliveries are deleted).' : errorMessage(query.error)}
          </Notice>
        </div>
      ) : (
        <ol aria-label="Linked delivery">{render(query.data)}</ol>
      )}
    </div>
  );
}
