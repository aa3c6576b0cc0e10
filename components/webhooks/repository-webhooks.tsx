'use client';

import { useQuery } from '@tanstack/react-query';
import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import { queryKeys } from '@/lib/client/query-keys';
import { listWebhooks, type WebhookScope } from '@/lib/client/webhooks-api';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import { RecentEvents } from './recent-events';
import { WebhookDetail } from './webhook-detail';
import { WebhookList } from './webhook-list';

const NOT_ALLOWED = <p className="text-sm text-slate-600 dark:text-slate-400">Only the repository&apos;s administrators can see its webhooks.</p>;

/** The repository's Webhooks tab: its webhooks, then recent pushes and what each fired. */
export function RepositoryWebhooks({ repository, can }: { repository: RepositoryDto; can: RepositoryCapabilities }) {
  const scope: WebhookScope = { kind: 'repository', repository: repository.name };
  // The same query as the list above (shared by key): the events panel words reasons with these webhooks' triggers.
  const hooks = useQuery({ queryKey: queryKeys.webhooks.list(scope), queryFn: ({ signal }) => listWebhooks(scope, signal), enabled: can.viewWebhooks });
  if (!can.viewWebhooks) return NOT_ALLOWED;
  return (
    <div className="space-y-8">
      <WebhookList
        scope={scope}
        can={can}
        title="Webhooks"
        description="Berth sends an HTTP POST to each webhook's URL when an image is pushed or a tag is deleted here. Namespace-wide webhooks are set on the namespace page."
      />
      <RecentEvents scope={scope} webhooks={hooks.data ?? []} />
    </div>
  );
}

/** One repository webhook, with its delivery log. */
export function RepositoryWebhook({ repository, id, can }: { repository: RepositoryDto; id: string; can: RepositoryCapabilities }) {
  if (!can.viewWebhooks) return NOT_ALLOWED;
  return <WebhookDetail scope={{ kind: 'repository', repository: repository.name }} id={id} can={can} />;
}
