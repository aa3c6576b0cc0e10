'use client';

import { errorMessage } from '@/lib/client/field-errors';
import type { WebhookScope } from '@/lib/client/webhooks-api';
import { IconButton } from '@/components/ui/button';
import { XIcon } from '@/components/ui/icons';
import { Notice } from '@/components/ui/notice';
import { useDelivery } from './use-delivery';

/** What became of a test event: waiting, delivered or failed, with a link to its delivery in the log below. */
export function TestOutcome({
  scope,
  webhookId,
  deliveryId,
  onShow,
  onDismiss,
  className,
}: {
  scope: WebhookScope;
  webhookId: string;
  deliveryId: string;
  onShow: (deliveryId: string) => void;
  onDismiss: () => void;
  className?: string;
}) {
  // The test delivery itself, followed until the receiver has answered.
  const query = useDelivery(scope, webhookId, deliveryId);
  const delivery = query.data;
  const attempt = delivery?.attempts[delivery.attempts.length - 1];
  const answer = attempt ? (attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : (attempt.error ?? 'no response')) : '';
  const status = delivery?.status ?? 'pending';
  const tone = query.isError ? 'error' : status === 'succeeded' ? 'success' : status === 'pending' ? 'info' : 'error';
  const title = query.isError
    ? `Could not follow the test event: ${errorMessage(query.error)}`
    : status === 'succeeded'
      ? `Test event delivered: the receiver answered ${answer} in ${attempt?.durationMs ?? 0} ms.`
      : status === 'pending'
        ? 'Test event sent; waiting for the receiver…'
        : status === 'refused'
          ? `Test event refused: ${answer}`
          : `Test event failed: ${answer}`;
  return (
    <div aria-live="polite" className={className}>
      <Notice tone={tone} title={title}>
        <span className="flex flex-wrap items-center justify-between gap-2">
          <a
            href={`#delivery-${deliveryId}`}
            onClick={() => onShow(deliveryId)}
            className="font-medium underline"
          >
            View delivery
          </a>
          <IconButton label="Dismiss" onClick={onDismiss} className="size-6">
            <XIcon className="size-3.5" />
          </IconButton>
        </span>
      </Notice>
    </div>
  );
}
