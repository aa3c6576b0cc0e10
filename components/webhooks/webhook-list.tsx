'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import { queryKeys } from '@/lib/client/query-keys';
import { listWebhooks, webhookHref, type WebhookScope } from '@/lib/client/webhooks-api';
import type { WebhookDto } from '@/lib/schemas/webhooks';
import { ErrorState } from '@/components/ui/error-state';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PlusIcon } from '@/components/ui/icons';
import { RelativeTime } from '@/components/ui/relative-time';
import { TableSkeleton } from '@/components/ui/skeleton';
import { ACTIONS_COLUMN, HeaderRow, Table, TBody, Td, Tr, DeleteCell } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { DeleteWebhookDialog } from './delete-webhook-dialog';
import { describeTrigger, eventLabel } from './describe-webhook';
import { WebhookEnabledSwitch } from './enabled-switch';
import { WebhookFormDialog } from './webhook-form-dialog';
import { DeliveryStatusBadge, EnabledBadge } from './webhook-status';

/** What a user may do with webhooks where the list is shown; what they may not do is not offered. */
export type WebhookCapabilities = Pick<RepositoryCapabilities, 'createWebhook' | 'updateWebhook' | 'deleteWebhook'>;

const POLL_MS = 2000;

/** The webhooks of a repository, or a namespace's namespace-wide ones: a table, or an empty state that explains them. */
export function WebhookList({
  scope,
  can,
  title,
  description,
  initial,
}: {
  scope: WebhookScope;
  can: WebhookCapabilities;
  title: string;
  description: string;
  initial?: WebhookDto[];
}) {
  const headingId = useId();
  const router = useRouter();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<WebhookDto | null>(null);
  const query = useQuery({
    queryKey: queryKeys.webhooks.list(scope),
    queryFn: ({ signal }) => listWebhooks(scope, signal),
    initialData: initial,
    // Each row carries its newest delivery; the list is asked again while one of them is still being sent.
    refetchInterval: (q) => (q.state.data?.some((w) => w.lastDelivery?.status === 'pending') ? POLL_MS : false),
  });
  const hooks = query.data;
  const add = (label: string) =>
    can.createWebhook ? (
      <Button variant="primary" onClick={() => setAdding(true)}>
        <PlusIcon />
        {label}
      </Button>
    ) : null;

  return (
    <section aria-labelledby={headingId}>
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h2 id={headingId} className="text-base font-semibold text-slate-900 dark:text-slate-100">
            {title}
          </h2>
          <p className="mt-0.5 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{description}</p>
        </div>
        {hooks && hooks.length > 0 ? add('Add webhook') : null}
      </div>
      {query.isError ? <ErrorState title="Could not load the webhooks" error={query.error} onRetry={query.refetch} className="mb-3" /> : null}
      {query.isPending ? (
        <TableSkeleton label="Loading webhooks" rows={2} />
      ) : hooks && hooks.length === 0 ? (
        <EmptyState title="No webhooks yet" action={add('Add webhook')}>
          A webhook tells another system when an image changes here: Berth sends an HTTP POST to a URL you choose when an image is pushed or a tag is
          deleted, so a CI job can deploy it, a chat can announce a release, or a scanner can check it.
          {can.createWebhook ? null : ' Only the administrators of this ' + (scope.kind === 'repository' ? 'repository' : 'namespace') + ' can add one.'}
        </EmptyState>
      ) : hooks ? (
        <Table label={title}>
          <HeaderRow
            columns={[
              'Name',
              { label: 'Trigger', className: 'hidden md:table-cell' },
              { label: 'Events', className: 'hidden lg:table-cell' },
              'Enabled',
              { label: 'Last delivery', className: 'hidden sm:table-cell' },
              can.deleteWebhook && ACTIONS_COLUMN,
            ]}
          />
          <TBody>
            {hooks.map((w) => (
              <Tr key={w.id} data-testid={`webhook-row-${w.name}`}>
                {/* On a phone the name cell also carries what the hidden columns show, and wraps anywhere, so the
                    row fits the screen with its switch and delete button instead of scrolling sideways. */}
                <Td className="wrap-anywhere sm:max-w-xs">
                  <Link href={webhookHref(scope, w.id)} className="font-medium text-teal-800 hover:underline dark:text-teal-300">
                    {w.name}
                  </Link>
                  <p className="break-all font-mono text-xs text-slate-500 sm:max-w-xs sm:truncate dark:text-slate-400" title={w.url}>
                    {w.url}
                  </p>
                  <p className="text-xs text-slate-600 md:hidden dark:text-slate-400">{describeTrigger(w.trigger)}</p>
                  <p className="text-xs text-slate-600 lg:hidden dark:text-slate-400">{w.events.map(eventLabel).join(', ')}</p>
                  <div className="mt-1 sm:hidden">
                    <LatestDelivery webhook={w} />
                  </div>
                </Td>
                <Td className="hidden text-slate-700 md:table-cell dark:text-slate-300">
                  <span className="break-all">{describeTrigger(w.trigger)}</span>
                </Td>
                <Td className="hidden text-slate-700 lg:table-cell dark:text-slate-300">{w.events.map(eventLabel).join(', ')}</Td>
                <Td>{can.updateWebhook ? <WebhookEnabledSwitch scope={scope} webhook={w} /> : <EnabledBadge enabled={w.enabled} />}</Td>
                <Td className="hidden sm:table-cell">
                  <LatestDelivery webhook={w} />
                </Td>
                {can.deleteWebhook ? (
                  <DeleteCell label={`Delete webhook ${w.name}`} onDelete={() => setDeleting(w)} />
                ) : null}
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : null}
      {can.createWebhook ? (
        <WebhookFormDialog
          open={adding}
          onClose={() => setAdding(false)}
          scope={scope}
          onSaved={(w) => {
            setAdding(false);
            toast(`Webhook ${w.name} created`);
            router.push(webhookHref(scope, w.id));
          }}
        />
      ) : null}
      {can.deleteWebhook ? <DeleteWebhookDialog scope={scope} webhook={deleting} onClose={() => setDeleting(null)} /> : null}
    </section>
  );
}

/** The newest delivery's state (the list polls while it is pending). */
function LatestDelivery({ webhook }: { webhook: WebhookDto }) {
  const last = webhook.lastDelivery;
  if (!last) return <span className="text-sm text-slate-500 dark:text-slate-400">none yet</span>;
  return (
    <span className="flex flex-wrap items-center gap-1.5 text-sm text-slate-600 dark:text-slate-400">
      <DeliveryStatusBadge status={last.status} attemptCount={last.attemptCount} />
      <RelativeTime iso={last.createdAt} />
    </span>
  );
}
