'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/client/query-keys';
import { redeliver, type WebhookScope } from '@/lib/client/webhooks-api';
import type { DeliveryDto } from '@/lib/schemas/webhooks';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ChevronRightIcon } from '@/components/ui/icons';
import { RelativeTime } from '@/components/ui/relative-time';
import { useToast } from '@/components/ui/toast';
import { cn } from '@/components/ui/cn';
import { DeliveryAttempt } from './delivery-attempt';
import { eventLabel } from './describe-webhook';
import { DeliveryStatusBadge } from './webhook-status';
import { ErrorNotice } from '@/components/ui/error-notice';

/** One delivery of the log: a summary line that unfolds to its attempts. `onShow` opens another delivery (the one it redelivers). */
export function DeliveryItem({
  scope,
  delivery: d,
  canRedeliver,
  open,
  onToggle,
  onShow,
}: {
  scope: WebhookScope;
  delivery: DeliveryDto;
  canRedeliver: boolean;
  open: boolean;
  onToggle: (open: boolean) => void;
  onShow: (deliveryId: string) => void;
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
        <ChevronRightIcon className={cn('size-4 shrink-0 text-slate-500 transition-transform', open && 'rotate-90')} />
        <span className="font-medium">{eventLabel(d.eventType)}</span>
        {d.repository && d.tag ? (
          <code className="break-all font-mono text-xs text-slate-700 dark:text-slate-300" data-testid="delivery-target">
            {d.repository}:{d.tag}
          </code>
        ) : null}
        {d.kind !== 'event' ? <Badge tone="neutral">{d.kind}</Badge> : null}
        <DeliveryStatusBadge status={d.status} attemptCount={d.attempts.length} />
        <span className="text-slate-600 dark:text-slate-400">
          {/* Only a delivery still pending may see more attempts: a finished one says how many it took. */}
          {d.status === 'pending'
            ? `${d.attempts.length} of ${d.maxAttempts} ${d.maxAttempts === 1 ? 'attempt' : 'attempts'}`
            : `${d.attempts.length} ${d.attempts.length === 1 ? 'attempt' : 'attempts'}`}
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
      {open ? <DeliveryPanel id={panelId} scope={scope} delivery={d} canRedeliver={canRedeliver} onShow={onShow} /> : null}
    </li>
  );
}

function DeliveryPanel({
  id,
  scope,
  delivery: d,
  canRedeliver,
  onShow,
}: {
  id: string;
  scope: WebhookScope;
  delivery: DeliveryDto;
  canRedeliver: boolean;
  onShow: (deliveryId: string) => void;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const again = useMutation({
    mutationFn: () => redeliver(scope, d.webhookId, d.id),
    onSuccess: async () => {
      toast('Redelivery queued');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.deliveries(scope, d.webhookId) }),
        // The list shows each webhook's newest delivery; events show the deliveries they made.
        queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.list(scope) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.allEvents }),
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
              · redelivery of <a href={`#delivery-${d.redeliveryOf}`} onClick={() => onShow(d.redeliveryOf!)} className="font-mono underline">
                {d.redeliveryOf.slice(0, 8)}
              </a>
            </>
          ) : null}
        </p>
        {canRedeliver ? (
          <Button size="sm" onClick={() => again.mutate()} pending={again.isPending} aria-label={`Redeliver delivery ${d.id}`}>
            Redeliver
          </Button>
        ) : null}
      </div>
      <ErrorNotice error={again.error} />
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
