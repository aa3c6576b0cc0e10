import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatBytes, shortDigest } from '@/lib/client/format';
import { repositoryHref } from '@/lib/paths/repository-paths';
import { webhookHref } from '@/lib/client/webhooks-api';
import type { OverviewDto } from '@/lib/schemas/overview';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { RelativeTime } from '@/components/ui/relative-time';
import { LevelPill } from '@/components/scans/severity-badge';

const LINK = 'font-medium text-teal-800 hover:underline dark:text-teal-300';
const MUTED = 'text-slate-600 dark:text-slate-400';

/** A card with a list, or a sentence when the list is empty. */
export function ListCard({ id, title, description, empty, children, count }: { id: string; title: string; description?: ReactNode; empty: ReactNode; children: ReactNode; count: number }) {
  return (
    <Card>
      <CardHeader id={id} title={title} description={description} />
      {count === 0 ? (
        <CardBody>
          <p className={cn('text-sm', MUTED)}>{empty}</p>
        </CardBody>
      ) : (
        <ul aria-labelledby={id} className="divide-y divide-slate-200 dark:divide-slate-800">
          {children}
        </ul>
      )}
    </Card>
  );
}

export function Stat({ label, value, href, detail }: { label: string; value: ReactNode; href?: string; detail?: ReactNode }) {
  const body = (
    <>
      <dt className={cn('text-sm', MUTED)}>{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-50">{value}</dd>
      {detail ? <dd className={cn('mt-0.5 text-xs', MUTED)}>{detail}</dd> : null}
    </>
  );
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900">
      {href ? (
        <Link href={href} className="block rounded focus-visible:outline-2">
          <dl>{body}</dl>
        </Link>
      ) : (
        <dl>{body}</dl>
      )}
    </div>
  );
}

export function PushItem({ push }: { push: OverviewDto['recentPushes'][number] }) {
  return (
    <li className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 px-5 py-2.5 text-sm">
      <Link href={repositoryHref(push.repository, { tab: 'tag', tag: push.tag })} className={cn(LINK, 'min-w-0 break-words font-mono')}>
        {push.repository}:{push.tag}
      </Link>
      <span className={cn('whitespace-nowrap text-xs', MUTED)}>
        <RelativeTime iso={push.pushedAt} />
        {push.pushedBy ? ` by ${push.pushedBy}` : ''}
      </span>
    </li>
  );
}

export function VulnerableItem({ image }: { image: OverviewDto['vulnerableImages'][number] }) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-5 py-2.5 text-sm">
      <span className="min-w-0">
        <Link href={repositoryHref(image.repository, { tab: 'scan', tag: image.tag })} className={cn(LINK, 'break-words font-mono')}>
          {image.repository}:{image.tag}
        </Link>
        <span className={cn('block font-mono text-xs', MUTED)}>{shortDigest(image.digest)}</span>
      </span>
      <span className="flex flex-wrap gap-1">
        {image.critical ? <LevelPill level="Critical">{image.critical} Critical</LevelPill> : null}
        {image.high ? <LevelPill level="High">{image.high} High</LevelPill> : null}
      </span>
    </li>
  );
}

export function FailureItem({ failure }: { failure: OverviewDto['deliveryFailures'][number] }) {
  const scope = failure.repository ? ({ kind: 'repository', repository: failure.repository } as const) : ({ kind: 'namespace', namespace: failure.namespace } as const);
  return (
    <li className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5 px-5 py-2.5 text-sm">
      <span className="min-w-0">
        <Link href={webhookHref(scope, failure.webhookId)} className={cn(LINK, 'break-words')}>
          {failure.webhookName}
        </Link>
        <span className={cn('block text-xs', MUTED)}>
          {failure.repository ?? `${failure.namespace} (whole namespace)`} · {failure.eventType}
        </span>
      </span>
      <span className="flex items-center gap-2 whitespace-nowrap text-xs">
        <Badge tone={failure.status === 'refused' ? 'amber' : 'red'}>{failure.status}</Badge>
        <span className={MUTED}>
          <RelativeTime iso={failure.failedAt} />
        </span>
      </span>
    </li>
  );
}

export function QuotaItem({ quota }: { quota: OverviewDto['quotas'][number] }) {
  const share = quota.quotaBytes > 0 ? Math.min(1, quota.usedBytes / quota.quotaBytes) : 1;
  const percent = Math.round(share * 100);
  return (
    <li className="px-5 py-2.5 text-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <Link href={`/namespaces/${encodeURIComponent(quota.namespace)}`} className={LINK}>
          {quota.namespace}
        </Link>
        <span className={cn('text-xs tabular-nums', MUTED)}>
          {formatBytes(quota.usedBytes)} of {formatBytes(quota.quotaBytes)}
        </span>
      </div>
      <div
        role="meter"
        aria-label={`Storage used in ${quota.namespace}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% used`}
        className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div className={cn('h-full rounded-full', percent >= 90 ? 'bg-red-600' : percent >= 75 ? 'bg-amber-500' : 'bg-teal-600')} style={{ width: `${percent}%` }} />
      </div>
    </li>
  );
}
