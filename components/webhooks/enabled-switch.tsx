'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '@/lib/client/field-errors';
import { queryKeys } from '@/lib/client/query-keys';
import { updateWebhook, type WebhookScope } from '@/lib/client/webhooks-api';
import type { WebhookDto } from '@/lib/schemas/webhooks';
import { Switch } from '@/components/ui/switch';
import { useToast } from '@/components/ui/toast';

/** Turns a webhook on or off; a disabled webhook keeps its settings and log, and events skip it ("webhook disabled"). */
export function WebhookEnabledSwitch({ scope, webhook, labelledBy, label }: { scope: WebhookScope; webhook: WebhookDto; labelledBy?: string; label?: string }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (enabled: boolean) => updateWebhook(scope, webhook.id, { enabled }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(queryKeys.webhooks.detail(scope, updated.id), updated);
      await queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.list(scope) });
      toast(`Webhook ${updated.name} ${updated.enabled ? 'enabled' : 'disabled'}`);
    },
    onError: (err) => toast(errorMessage(err), 'error'),
  });
  const checked = change.isPending && change.variables !== undefined ? change.variables : webhook.enabled;
  return (
    <Switch
      checked={checked}
      disabled={change.isPending}
      onChange={(next) => change.mutate(next)}
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : (label ?? `Webhook ${webhook.name} enabled`)}
    />
  );
}
