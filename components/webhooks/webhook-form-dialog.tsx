'use client';

import type { WebhookScope } from '@/lib/client/webhooks-api';
import type { WebhookDto } from '@/lib/schemas/webhooks';
import { Dialog } from '@/components/ui/dialog';
import { WebhookForm } from './webhook-form';

/** The webhook form in a dialog: new when `webhook` is absent, else editing it. */
export function WebhookFormDialog({
  open,
  onClose,
  scope,
  webhook,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  scope: WebhookScope;
  webhook?: WebhookDto;
  onSaved: (w: WebhookDto) => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title={webhook ? `Edit webhook ${webhook.name}` : 'New webhook'}
      description={
        webhook
          ? undefined
          : scope.kind === 'repository'
            ? `Berth will POST to a URL of yours when ${scope.repository} changes.`
            : `Berth will POST to a URL of yours when any repository in ${scope.namespace} changes.`
      }
    >
      <WebhookForm scope={scope} webhook={webhook} onSaved={onSaved} onCancel={onClose} />
    </Dialog>
  );
}
