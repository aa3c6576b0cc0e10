'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/client/field-errors';
import { queryKeys } from '@/lib/client/query-keys';
import { redeliver, type WebhookScope } from '@/lib/client/webhooks-api';
import type { DeliveryDto } from '@/lib/schemas/webhooks';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ChevronRightIcon, ListIcon } from '@/components/ui/icons';
import { Notice } from '@/components/ui/notice';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { cn } from '@/components/ui/cn';
import { DeliveryAttempt } from './delivery-attempt';
import { eventLabel } from './describe-webhook';
import { useDeliveryLog } from './use-delivery-log';
import { DeliveryStatusBadge } from './webhook-status';

/**
 * The delivery log: newest first, "Show older" for the next page. A delivery unfolds to its attempts; `expanded`
 * is held by the page so a "view delivery" link elsewhere can open one.
 */
export function DeliveryLog({
  scope,
  webhookId,
  canRedeliver,
  expanded,
  onToggle,
}: {
  scope: WebhookScope;
  webhookId: string;
  canRedeliver: boolean;
  expanded: ReadonlySet<string>;
  onToggle: (id: string, open: boolean) => void;
}) {
  const log = useDeliveryLog(scope, webhookId);
  const deliveries = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card>
      <CardHeader
        title="Deliveries"
        description="Every request sent for this webhook, newest first. A failed attempt is retried with increasing delays; Redeliver sends the same body again."
      />
      {log.isPending ? (
        <div role="status" aria-label="Loading deliveries" className="space-y-2 p-5">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : log.isError ? (
        <div className="p-5">
          <Notice tone="error" title="Could not load the deliveries">
            {errorMessage(log.error)}
          </Notice>
        </div>
      ) : deliveries.length === 0 ? (
        <div className="p-5">
          <EmptyState icon={<ListIcon className="size-5" />} title="No deliveries yet">
            A delivery is recorded here when an event fires this webhook, or when you send a test event.
          </EmptyState>
        </div>
      ) : (
        <>
          <ol aria-label="Deliveries" className="divide-y divide-slate-200 dark:divide-slate-800">
            {deliveries.map((d) => (
              <DeliveryItem
                key={d.id}
                scope={scope}
                delivery={d}
                canRedeliver={canRedeliver}
                open={expanded.has(d.id)}
                onToggle={(open) => onToggle(d.id, open)}
              />
            ))}
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

function DeliveryItem({
  scope,
  delivery: d,
  canRedeliver,
  open,
  onToggle,
}: {
  scope: WebhookScope;
  delivery: DeliveryDto;
  canRedeliver: boolean;
  open: boolean;
  onToggle: (open: boolean) => void;
}) {
  const panelId = `delivery-${d.id}-panel`;
  return (
    <li id={`delivery-${d.id}`} data-testid="delivery" data-status={d.status} className="scroll-mt-20">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => onToggle(!open)}
        className="flex w-full flex-wrap items-center gap-x-3 gap-y-1 px-5 py-3 text-left text-sm hover:bg-slate-50 dark:hover:bg-slate-800/50"
      >
        <ChevronRightIcon className={cn('size-4 shrink-0 text-slate-400 transition-transform', open && 'rotate-90')} />
        <span className="font-medium">{eventLabel(d.eventType)}</span>
        {d.kind !== 'event' ? <Badge tone="neutral">{d.kind}</Badge> : null}
        <DeliveryStatusBadge status={d.status} delivery={d} />
        <span className="text-slate-600 dark:text-slate-400">
          {d.attempts.length} of {d.maxAttempts} {d.maxAttempts === 1 ? 'attempt' : 'attempts'}
        </span>
        <span className="text-slate-500 sm:ml-auto dark:text-slate-400">
          created <RelativeTime iso={d.createdAt} />
          {d.completedAt ? (
            <>
              {' '}
              · completed <RelativeTime iso={d.completedAt} />
            </>
          ) : null}
        </span>
      </button>
      {open ? <DeliveryPanel id={panelId} scope={scope} delivery={d} canRedeliver={canRedeliver} /> : null}
    </li>
  );
}

function DeliveryPanel({ id, scope, delivery: d, canRedeliver }: { id: string; scope: WebhookScope; delivery: DeliveryDto; canRedeliver: boolean }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const again = useMutation({
    mutationFn: () => redeliver(scope, d.webhookId, d.id),
    onSuccess: async () => {
      toast('Redelivery queued');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.deliveries(scope, d.webhookId) }),
        scope.kind === 'repository' ? queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.events(scope.repository) }) : null,
      ]);
    },
  });
  return (
    <div id={id} className="space-y-3 px-5 pb-4">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500 dark:text-slate-400">
        <p className="break-all">
          Delivery <span className="font-mono">{d.id}</span> · {d.format === 'cloudevents' ? 'CloudEvents' : 'default JSON'}
          {d.redeliveryOf ? (
            <>
              {' '}
              · redelivery of <a href={`#delivery-${d.redeliveryOf}`} className="font-mono underline">{d.redeliveryOf.slice(0, 8)}</a>
            </>
          ) : null}
        </p>
        {canRedeliver ? (
          <Button size="sm" onClick={() => again.mutate()} pending={again.isPending} aria-label={`Redeliver delivery ${d.id}`}>
            Redeliver
          </Button>
        ) : null}
      </div>
      {again.error ? <Notice tone="error">{errorMessage(again.error)}</Notice> : null}
      {d.attempts.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{d.status === 'pending' ? 'Queued: no attempt yet.' : 'No attempt was made.'}</p>
      ) : (
        <div className="space-y-2">
          {d.attempts.map((a) => (
            <DeliveryAttempt key={a.number} attempt={a} />
          ))}
        </div>
      )}
    </div>
  );
}
