import { Badge } from '@/components/ui/badge';
import { STATUS_HINT, STATUS_TONE, type DeliveryStatus } from './describe-webhook';

/** A delivery's state; a pending one whose last attempt failed says it will be retried. */
export function DeliveryStatusBadge({ status, attemptCount = 0 }: { status: DeliveryStatus; attemptCount?: number }) {
  const retrying = status === 'pending' && attemptCount > 0;
  return (
    <Badge tone={retrying ? 'amber' : STATUS_TONE[status]} title={retrying ? 'The last attempt failed; it will be retried' : STATUS_HINT[status]}>
      {retrying ? 'retrying' : status}
    </Badge>
  );
}

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return <Badge tone={enabled ? 'green' : 'neutral'}>{enabled ? 'enabled' : 'disabled'}</Badge>;
}
