'use client';

import { useQuery } from '@tanstack/react-query';
import type { NamespaceCapabilities } from '@/lib/client/capabilities';
import { queryKeys } from '@/lib/client/query-keys';
import { listWebhooks, type WebhookScope } from '@/lib/client/webhooks-api';
import type { WebhookDto } from '@/lib/schemas/webhooks';
import { Card, CardBody } from '@/components/ui/card';
import { Breadcrumbs } from '@/components/ui/breadcrumbs';
import { RecentEvents } from './recent-events';
import { WebhookDetail } from './webhook-detail';
import { WebhookList } from './webhook-list';

/** The namespace page's section of namespace-wide webhooks, then recent pushes across its repositories. */
export function NamespaceWebhooks({ namespace, can }: { namespace: string; can: NamespaceCapabilities }) {
  const scope: WebhookScope = { kind: 'namespace', namespace };
  // The same query as the list (shared by key): the events panel words reasons with these webhooks' triggers.
  const hooks = useQuery({ queryKey: queryKeys.webhooks.list(scope), queryFn: ({ signal }) => listWebhooks(scope, signal) });
  return (
    <div id="webhooks" className="scroll-mt-20 space-y-6">
      <Card>
        <CardBody>
          <WebhookList
            scope={scope}
            can={can}
            title="Webhooks"
            description={`Namespace-wide webhooks fire for every repository in ${namespace}, as well as each repository's own.`}
          />
        </CardBody>
      </Card>
      <RecentEvents scope={scope} webhooks={hooks.data ?? []} />
    </div>
  );
}

/** A namespace-wide webhook's own page, under the namespace. */
export function NamespaceWebhookPage({ namespace, initial, can }: { namespace: string; initial: WebhookDto; can: NamespaceCapabilities }) {
  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/namespaces', label: 'Namespaces' },
          { href: `/namespaces/${encodeURIComponent(namespace)}`, label: namespace },
        ]}
      />
      <h1 className="mb-5 text-2xl font-semibold tracking-tight">
        <span className="text-slate-500 dark:text-slate-400">Webhooks of </span>
        <span className="font-mono">{namespace}</span>
      </h1>
      <WebhookDetail scope={{ kind: 'namespace', namespace }} id={initial.id} can={can} initial={initial} />
    </>
  );
}
