'use client';

import type { WebhookScope } from '@/lib/client/webhooks-api';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ListIcon } from '@/components/ui/icons';
import { BlocksSkeleton } from '@/components/ui/skeleton';
import { QueryFallback } from '@/components/ui/query-view';
import { DeliveryItem } from './delivery-item';
import { LinkedDelivery } from './linked-delivery';
import { useDeliveryLog } from './use-delivery-log';

/**
 * The delivery log: newest first, "Show older" for the next page. A delivery unfolds to its attempts; `expanded`
 * is held by the page so a "view delivery" link elsewhere can open one. `linkedId` is the delivery such a link
 * names: when it is older than the pages loaded, it is fetched on its own and shown above them.
 */
export function DeliveryLog({
  scope,
  webhookId,
  canRedeliver,
  expanded,
  onToggle,
  linkedId,
  onShow,
}: {
  scope: WebhookScope;
  webhookId: string;
  canRedeliver: boolean;
  expanded: ReadonlySet<string>;
  onToggle: (id: string, open: boolean) => void;
  linkedId: string | null;
  onShow: (deliveryId: string) => void;
}) {
  const log = useDeliveryLog(scope, webhookId);
  const deliveries = log.data?.pages.flatMap((p) => p.items) ?? [];
  const linkedElsewhere = log.isSuccess && linkedId !== null && !deliveries.some((d) => d.id === linkedId);
  const item = (d: (typeof deliveries)[number]) => (
    <DeliveryItem
      key={d.id}
      scope={scope}
      delivery={d}
      canRedeliver={canRedeliver}
      open={expanded.has(d.id)}
      onToggle={(open) => onToggle(d.id, open)}
      onShow={onShow}
    />
  );
  return (
    <Card>
      <CardHeader
        title="Deliveries"
        description="Every request sent for this webhook, newest first. A failed attempt is retried with increasing delays; Redeliver sends the same body again."
      />
      {linkedElsewhere ? <LinkedDelivery scope={scope} webhookId={webhookId} deliveryId={linkedId} render={item} /> : null}
      {log.data === undefined ? (
        <QueryFallback
          query={log}
          className="p-5"
          loading={<BlocksSkeleton label="Loading deliveries" className="space-y-2 p-5" blocks={['h-10 w-full', 'h-10 w-full']} />}
          errorTitle="Could not load the deliveries"
        />
      ) : deliveries.length === 0 ? (
        <div className="p-5">
          <EmptyState icon={<ListIcon className="size-5" />} title="No deliveries yet">
            A delivery is recorded here when an event fires this webhook, or when you send a test event.
          </EmptyState>
        </div>
      ) : (
        <>
          <ol aria-label="Deliveries" className="divide-y divide-slate-200 dark:divide-slate-800">
            {deliveries.map(item)}
          </ol>
          {log.hasNextPage ? (
            <div className="border-t border-slate-200 p-3 text-center dark:border-slate-800">
              <Button size="sm" onClick={() => log.fetchNextPage()} pending={log.isFetchingNextPage}>
                Show older deliveries
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
