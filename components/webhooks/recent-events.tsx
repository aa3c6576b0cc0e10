'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { shortDigest } from '@/lib/client/format';
import { queryKeys } from '@/lib/client/query-keys';
import { repositoryHref, splitRepositoryName } from '@/lib/paths/repository-paths';
import { listEvents, webhookHref, type WebhookScope } from '@/lib/client/webhooks-api';
import type { RepositoryEventDto, RepositoryEventPageDto, WebhookDto } from '@/lib/schemas/webhooks';
import { Button } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { BlocksSkeleton } from '@/components/ui/skeleton';
import { QueryFallback } from '@/components/ui/query-view';
import { describeSkip, eventLabel } from './describe-webhook';
import { DeliveryStatusBadge } from './webhook-status';

const PAGE_SIZE = 10;
const POLL_MS = 2000;

const busy = (e: RepositoryEventDto) => e.dispatchedAt === null || e.deliveries.some((d) => d.status === 'pending');

/**
 * Recent pushes and tag deletions, each with the webhooks it fired and those it did not, and why: the answer to
 * "why did my webhook not fire?". For a repository, its own events; for a namespace, those of its repositories (whose
 * webhooks the user may see), each naming its repository. `webhooks` are the scope's own (their triggers word the
 * reasons); the others in the list are the other kind: namespace-wide ones on a repository, a repository's own on a
 * namespace.
 */
export function RecentEvents({ scope, webhooks }: { scope: WebhookScope; webhooks: WebhookDto[] }) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.webhooks.events(scope),
    queryFn: ({ pageParam, signal }) => listEvents(scope, { cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: RepositoryEventPageDto) => last.nextCursor ?? undefined,
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some(busy)) ? POLL_MS : false),
  });
  const events = query.data?.pages.flatMap((p) => p.items) ?? [];
  const where = scope.kind === 'repository' ? 'this repository' : `the repositories of ${scope.namespace}`;
  return (
    <Card>
      <CardHeader
        title="Recent events"
        description={`Pushes, tag deletions and finished scans in ${where}, with the webhooks each one fired, and those it did not and why.`}
      />
      {query.data === undefined ? (
        <QueryFallback
          query={query}
          className="p-5"
          loading={<BlocksSkeleton label="Loading recent events" className="space-y-2 p-5" blocks={['h-12 w-full', 'h-12 w-full']} />}
          errorTitle="Could not load recent events"
        />
      ) : events.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600 dark:text-slate-400">Nothing pushed or deleted {scope.kind === 'repository' ? 'here' : 'in this namespace'} recently.</p>
      ) : (
        <>
          <ol aria-label="Recent events" className="divide-y divide-slate-200 dark:divide-slate-800">
            {events.map((e) => (
              <EventItem key={e.id} scope={scope} event={e} webhooks={webhooks} />
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

function EventItem({ scope, event: e, webhooks }: { scope: WebhookScope; event: RepositoryEventDto; webhooks: WebhookDto[] }) {
  const own = new Map(webhooks.map((w) => [w.id, w]));
  // A webhook that is not the scope's own is of the other kind: the namespace's, or the event's repository's.
  const other: WebhookScope =
    scope.kind === 'repository' ? { kind: 'namespace', namespace: splitRepositoryName(e.repository).namespace } : { kind: 'repository', repository: e.repository };
  const otherLabel = scope.kind === 'repository' ? '(namespace-wide) ' : '(repository) ';
  const scopeOf = (webhookId: string) => (own.has(webhookId) ? scope : other);
  const testId = scope.kind === 'repository' ? `event-${e.tag}` : `event-${e.repository}:${e.tag}`;
  return (
    <li className="px-5 py-3 text-sm" data-testid={testId}>
      <p className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
        {scope.kind === 'namespace' ? (
          <Link href={repositoryHref(e.repository, { tab: 'webhooks' })} className="break-all font-mono font-medium text-teal-800 hover:underline dark:text-teal-300">
            {e.repository}
          </Link>
        ) : null}
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
              {own.has(d.webhookId) ? null : <span className="text-xs text-slate-500 dark:text-slate-400">{otherLabel}</span>}
              {d.kind === 'redelivery' ? <span className="text-xs text-slate-500 dark:text-slate-400">redelivery </span> : null}
              <DeliveryStatusBadge status={d.status} attemptCount={d.attemptCount} />
            </li>
          ))}
          {e.untriggered.map((u) => (
            <li key={u.webhookId} className="flex flex-wrap items-center gap-x-2 gap-y-0.5" data-testid="untriggered">
              <span className="text-slate-500 dark:text-slate-400">Not fired:</span>{' '}
              <Link href={webhookHref(scopeOf(u.webhookId), u.webhookId)} className="font-medium text-teal-800 hover:underline dark:text-teal-300">
                {u.webhookName}
              </Link>{' '}
              {own.has(u.webhookId) ? null : <span className="text-xs text-slate-500 dark:text-slate-400">{otherLabel}</span>}
              <span className="text-slate-700 dark:text-slate-300">— {describeSkip(u, e, own.get(u.webhookId))}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
