'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/client/query-keys';
import { deleteWebhook, type WebhookScope } from '@/lib/client/webhooks-api';
import type { WebhookDto } from '@/lib/schemas/webhooks';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { confirmItemProps } from '@/components/ui/use-confirmed-item-mutation';

/** Confirms and deletes a webhook with its delivery log. */
export function DeleteWebhookDialog({
  scope,
  webhook,
  onClose,
  onDeleted,
}: {
  scope: WebhookScope;
  webhook: WebhookDto | null;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (w: WebhookDto) => deleteWebhook(scope, w.id),
    onSuccess: async (_, w) => {
      onClose();
      toast(`Webhook ${w.name} deleted`);
      onDeleted?.();
      // Its own queries are dropped rather than refetched, which would only flash "not found".
      queryClient.removeQueries({ queryKey: queryKeys.webhooks.hook(scope, w.id) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.list(scope) });
    },
  });
  return (
    <ConfirmDialog
      {...confirmItemProps(webhook, remove, onClose)}
      title={`Delete webhook ${webhook?.name ?? ''}?`}
      description="Berth stops sending it events, and its delivery log is deleted with it. Deliveries still queued are not sent."
      confirmLabel="Delete webhook"
    />
  );
}
