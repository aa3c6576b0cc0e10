'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useState } from 'react';
import { errorMessage } from '@/lib/client/field-errors';
import { queryKeys } from '@/lib/client/query-keys';
import { getWebhook, sendTestEvent, webhooksHref, type WebhookScope } from '@/lib/client/webhooks-api';
import type { WebhookDto } from '@/lib/schemas/webhooks';
import { BackLink } from '@/components/ui/back-link';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PencilIcon, TrashIcon } from '@/components/ui/icons';
import { Notice } from '@/components/ui/notice';
import { QueryFallback } from '@/components/ui/query-view';
import { DetailSkeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { DeleteWebhookDialog } from './delete-webhook-dialog';
import { DeliveryLog } from './delivery-log';
import { WebhookEnabledSwitch } from './enabled-switch';
import { TestOutcome } from './test-outcome';
import type { WebhookCapabilities } from './webhook-list';
import { WebhookFormDialog } from './webhook-form-dialog';
import { WebhookSettings } from './webhook-settings';
import { EnabledBadge } from './webhook-status';

/** One webhook: its settings, the controls the user may use, and its delivery log. */
export function WebhookDetail({ scope, id, can, initial }: { scope: WebhookScope; id: string; can: WebhookCapabilities; initial?: WebhookDto }) {
  const router = useRouter();
  const query = useQuery({ queryKey: queryKeys.webhooks.detail(scope, id), queryFn: ({ signal }) => getWebhook(scope, id, signal), initialData: initial });
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState<WebhookDto | null>(null);
  const [testId, setTestId] = useState<string | null>(null);
  // The delivery a link named: the log fetches it by id when it is not on the pages loaded.
  const [linkedId, setLinkedId] = useState<string | null>(null);

  // A link to `#delivery-<id>` opens that delivery, on arrival or when the hash changes on the page.
  useEffect(() => {
    const open = () => {
      const m = /^#delivery-([0-9a-f-]+)$/.exec(window.location.hash);
      if (!m) return;
      setExpanded((s) => new Set([...s, m[1]!]));
      setLinkedId(m[1]!);
    };
    open();
    window.addEventListener('hashchange', open);
    return () => window.removeEventListener('hashchange', open);
  }, []);

  const show = (deliveryId: string) => {
    setExpanded((s) => new Set([...s, deliveryId]));
    setLinkedId(deliveryId);
    requestAnimationFrame(() => document.getElementById(`delivery-${deliveryId}`)?.querySelector('button')?.focus());
  };

  const back = <BackLink href={webhooksHref(scope)}>All webhooks</BackLink>;
  if (query.data === undefined) {
    return (
      <QueryFallback
        query={query}
        before={back}
        loading={<DetailSkeleton label="Loading webhook" before={back} sections={['h-48', 'h-32']} />}
        errorTitle="Could not load the webhook"
        notFound={<EmptyState title="Webhook not found">It may have been deleted. The list shows the webhooks there are now.</EmptyState>}
      />
    );
  }
  const w = query.data;
  return (
    <div>
      {back}
      <div className="mb-5 flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-3">
          <h2 className="break-all text-xl font-semibold">{w.name}</h2>
          <EnabledBadge enabled={w.enabled} />
          {w.scope === 'namespace' ? <span className="text-sm text-slate-500 dark:text-slate-400">namespace-wide</span> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {can.updateWebhook ? <EnabledControl scope={scope} webhook={w} /> : null}
          {can.updateWebhook ? <SendTestButton scope={scope} webhook={w} onSent={setTestId} /> : null}
          {can.deleteWebhook ? (
            <Button onClick={() => setDeleting(w)} className="text-red-700 dark:text-red-400">
              <TrashIcon />
              Delete
            </Button>
          ) : null}
        </div>
      </div>
      {w.targetWarning ? (
        <Notice tone="warning" title="Deliveries to this URL will be refused" className="mb-6">
          <span data-testid="target-warning">{w.targetWarning}</span>. Point the webhook at a public address, or have an
          administrator allow private targets.
        </Notice>
      ) : null}
      {testId ? (
        <TestOutcome scope={scope} webhookId={w.id} deliveryId={testId} onShow={show} onDismiss={() => setTestId(null)} className="mb-6" />
      ) : null}
      <div className="space-y-6">
        <WebhookSettings
          webhook={w}
          action={
            can.updateWebhook ? (
              <Button size="sm" onClick={() => setEditing(true)}>
                <PencilIcon />
                Edit
              </Button>
            ) : undefined
          }
        />
        <DeliveryLog
          scope={scope}
          webhookId={w.id}
          canRedeliver={can.updateWebhook}
          linkedId={linkedId}
          onShow={show}
          expanded={expanded}
          onToggle={(deliveryId, open) =>
            setExpanded((s) => {
              const next = new Set(s);
              if (open) next.add(deliveryId);
              else next.delete(deliveryId);
              return next;
            })
          }
        />
      </div>
      {can.updateWebhook ? (
        <WebhookFormDialog open={editing} onClose={() => setEditing(false)} scope={scope} webhook={w} onSaved={() => setEditing(false)} />
      ) : null}
      {can.deleteWebhook ? (
        <DeleteWebhookDialog scope={scope} webhook={deleting} onClose={() => setDeleting(null)} onDeleted={() => router.push(webhooksHref(scope))} />
      ) : null}
    </div>
  );
}

function EnabledControl({ scope, webhook }: { scope: WebhookScope; webhook: WebhookDto }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2.5 rounded-lg border border-slate-200 bg-white px-3 py-1.5 dark:border-slate-800 dark:bg-slate-900">
      <span id={`${id}-label`} className="text-sm font-medium">
        Enabled
      </span>
      <WebhookEnabledSwitch scope={scope} webhook={webhook} labelledBy={`${id}-label`} />
    </div>
  );
}

/** Queues a test event; the page then follows that delivery until the receiver has answered. */
function SendTestButton({ scope, webhook, onSent }: { scope: WebhookScope; webhook: WebhookDto; onSent: (deliveryId: string) => void }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: () => sendTestEvent(scope, webhook.id),
    onSuccess: async (delivery) => {
      onSent(delivery.id);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.deliveries(scope, webhook.id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.webhooks.list(scope) }),
      ]);
    },
    onError: (err) => toast(errorMessage(err), 'error'),
  });
  return (
    <Button onClick={() => send.mutate()} pending={send.isPending}>
      Send test event
    </Button>
  );
}
