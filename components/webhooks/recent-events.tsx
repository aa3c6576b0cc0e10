'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { errorMessage } from '@/lib/client/field-errors';
import { shortDigest } from '@/lib/client/format';
import { queryKeys } from '@/lib/client/query-keys';
import { splitRepositoryName } from '@/lib/client/repository-paths';
import { listRepositoryEvents, webhookHref, type WebhookScope } from '@/lib/client/webhooks-api';
import type { RepositoryEventDto, RepositoryEventPageDto, WebhookDto } from '@/lib/schemas/webhooks';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { describeSkip, eventLabel } from './describe-webhook';
import { DeliveryStatusBadge } from './webhook-status';

const PAGE_SIZE = 10;
const POLL_MS = 2000;

const busy = (e: RepositoryEventDto) => e.dispatchedAt === null || e.deliveries.some((d) => d.status === 'pending');

/**
 * Recent pushes and tag deletions, each with the webhooks it fired and those it did not, and why: the answer to
 * "why did my webhook not fire?". `webhooks` are the repository's own (their triggers word the reasons); the others
 * in the list are namespace-wide.
 */
export function RecentEvents({ repository, webhooks }: { repository: string; webhooks: WebhookDto[] }) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.webhooks.events(repository),
    queryFn: ({ pageParam, signal }) => listRepositoryEvents(repository, { cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: RepositoryEventPageDto) => last.nextCursor ?? undefined,
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some(busy)) ? POLL_MS : false),
  });
  const events = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card>
      <CardHeader
        title="Recent pushes"
        description="Pushes and tag deletions in this repository, with the webhooks each one fired, and those it did not and why."
      />
      {query.isPending ? (
        <div role="status" aria-label="Loading recent pushes" className="space-y-2 p-5">
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
        </div>
      ) : query.isError ? (
        <div className="p-5">
          <Notice tone="error" title="Could not load recent pushes">
            {errorMessage(query.error)}
          </Notice>
        </div>
      ) : events.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600 dark:text-slate-400">Nothing pushed or deleted here recently.</p>
      ) : (
        <>
          <ol aria-label="Recent pushes" className="divide-y divide-slate-200 dark:divide-slate-800">
            {events.map((e) => (
              <EventItem key={e.id} repository={repository} event={e} webhooks={webhooks} />
            ))}
          </ol>
          {query.hasNextPage ? (
            <div className="border-t border-slate-200 p-3 text-center dark:border-slate-800">
              <Button size="sm" onClick={() => query.fetchNextPage()} pending={query.isFetchingNextPage}>
                Show older
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}

function EventItem({ repository, event: e, webhooks }: { repository: string; event: RepositoryEventDto; webhooks: WebhookDto[] }) {
  const own = new Map(webhooks.map((w) => [w.id, w]));
  const repoScope: WebhookScope = { kind: 'repository', repository };
  const nsScope: WebhookScope = { kind: 'namespace', namespace: splitRepositoryName(repository).namespace };
  const scopeOf = (webhookId: string) => (own.has(webhookId) ? repoScope : nsScope);
  return (
    <li className="px-5 py-3 text-sm" data-testid={`event-${e.tag}`}>
      <p className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
        <span className="font-medium">{eventLabel(e.type)}</span>
        <span className="break-all font-mono">{e.tag}</span>
        {e.digest ? <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{shortDigest(e.digest)}</span> : null}
        <span className="text-slate-500 dark:text-slate-400">
          by {e.operator} · <RelativeTime iso={e.occurredAt} />
        </span>
      </p>
      {e.dispatchedAt === null ? (
        <p className="mt-1 text-slate-600 dark:text-slate-400">Matching webhooks…</p>
      ) : e.deliveries.length === 0 && e.untriggered.length === 0 ? (
        <p className="mt-1 text-slate-600 dark:text-slate-400">No webhook was set up to hear it.</p>
      ) : (
        <ul className="mt-1.5 space-y-1">
          {e.deliveries.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
              <span className="text-emerald-700 dark:text-emerald-400">Fired:</span>{' '}
              <Link href={`${webhookHref(scopeOf(d.webhookId), d.webhookId)}#delivery-${d.id}`} className="font-medium text-teal-800 hover:underline dark:text-teal-300">
                {d.webhookName}
              </Link>{' '}
              {own.has(d.webhookId) ? null : <span className="text-xs text-slate-500 dark:text-slate-400">(namespace-wide) </span>}
              {d.kind === 'redelivery' ? <span className="text-xs text-slate-500 dark:text-slate-400">redelivery </span> : null}
              <DeliveryStatusBadge status={d.status} />
            </li>
          ))}
          {e.untriggered.map((u) => (
            <li key={u.webhookId} className="flex flex-wrap items-center gap-x-2 gap-y-0.5" data-testid="untriggered">
              <span className="text-slate-500 dark:text-slate-400">Not fired:</span>{' '}
              <Link href={webhookHref(scopeOf(u.webhookId), u.webhookId)} className="font-medium text-teal-800 hover:underline dark:text-teal-300">
                {u.webhookName}
              </Link>{' '}
              {own.has(u.webhookId) ? null : <span className="text-xs text-slate-500 dark:text-slate-400">(namespace-wide) </span>}
              <span className="text-slate-700 dark:text-slate-300">— {describeSkip(u, e, own.get(u.webhookId))}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
