'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { formatBytes } from '@/lib/client/format';
import { getOverview } from '@/lib/client/overview-api';
import { queryKeys } from '@/lib/client/query-keys';
import type { OverviewDto } from '@/lib/schemas/overview';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Notice } from '@/components/ui/notice';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { useConsoleUser } from '@/components/shell/console-context';
import { FailureItem, ListCard, PushItem, QuotaItem, Stat, VulnerableItem } from './overview-cards';
import { ErrorNotice } from '@/components/ui/error-notice';

/** The console's start page: what the user reaches, what changed, and what needs attention. */
export function Overview() {
  const user = useConsoleUser();
  const query = useQuery({ queryKey: queryKeys.overview, queryFn: ({ signal }) => getOverview(signal) });
  return (
    <div>
      <PageHeader title="Overview" description={`Signed in as ${user.username}.`} />
      {query.isPending ? (
        <div role="status" aria-label="Loading the overview" className="grid gap-4 sm:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-20" />
          ))}
        </div>
      ) : query.isError ? (
        <ErrorNotice error={query.error} title="Could not load the overview" />
      ) : (
        <OverviewBody data={query.data} />
      )}
    </div>
  );
}

function OverviewBody({ data }: { data: OverviewDto }) {
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Namespaces" value={data.namespaceCount} href="/namespaces" />
        <Stat label="Repositories" value={data.repositoryCount} href="/repositories" />
        {data.admin ? (
          <Stat label="Storage used" value={formatBytes(data.admin.storage.bytes)} detail={`${data.admin.storage.blobs} blobs`} />
        ) : (
          <Stat label="Images needing attention" value={data.vulnerableImages.length} detail="with Critical or High findings" />
        )}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <ListCard id="recent-pushes" title="Recent pushes" count={data.recentPushes.length} empty="Nothing you can read was pushed yet.">
          {data.recentPushes.map((p) => (
            <PushItem key={`${p.repository}:${p.tag}`} push={p} />
          ))}
        </ListCard>
        <ListCard
          id="vulnerable-images"
          title="Most vulnerable images"
          description="Tagged images by Critical, then High findings of their newest scan"
          count={data.vulnerableImages.length}
          empty="No scanned image you can read has Critical or High findings."
        >
          {data.vulnerableImages.map((v) => (
            <VulnerableItem key={`${v.repository}@${v.digest}`} image={v} />
          ))}
        </ListCard>
        <ListCard
          id="delivery-failures"
          title="Webhook delivery failures"
          description="Newest failed or refused deliveries where you manage webhooks"
          count={data.deliveryFailures.length}
          empty="No recent failures."
        >
          {data.deliveryFailures.map((f) => (
            <FailureItem key={f.deliveryId} failure={f} />
          ))}
        </ListCard>
        {data.quotas.length > 0 ? (
          <ListCard id="quotas" title="Storage against quota" description="Namespaces you manage that have a quota" count={data.quotas.length} empty="">
            {data.quotas.map((q) => (
              <QuotaItem key={q.namespace} quota={q} />
            ))}
          </ListCard>
        ) : null}
      </div>
      {data.admin ? <AdminSection admin={data.admin} /> : null}
    </div>
  );
}

function AdminSection({ admin }: { admin: NonNullable<OverviewDto['admin']> }) {
  const failed = admin.jobQueues.reduce((n, q) => n + q.failed24h, 0);
  const busy = admin.jobQueues.filter((q) => q.queued + q.active + q.failed24h > 0);
  return (
    <section aria-labelledby="installation-heading" className="space-y-4">
      <h2 id="installation-heading" className="text-lg font-semibold text-slate-900 dark:text-slate-100">
        Installation
      </h2>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader
            id="job-queues"
            title="Job queues"
            description="Waiting, running, and failed in the last 24 hours"
            action={failed > 0 ? <Badge tone="red">{failed} failed</Badge> : <Badge tone="green">healthy</Badge>}
          />
          {admin.jobQueues.length === 0 ? (
            <CardBody>
              <p className="text-sm text-slate-600 dark:text-slate-400">No job worker has run against this database yet.</p>
            </CardBody>
          ) : busy.length === 0 ? (
            <CardBody>
              <p className="text-sm text-slate-600 dark:text-slate-400">All {admin.jobQueues.length} queues are idle, with no recent failures.</p>
            </CardBody>
          ) : (
            <CardBody className="px-0 py-0">
              <Table label="Job queues">
                <THead>
                  <tr>
                    <Th>Queue</Th>
                    <Th className="text-right">Waiting</Th>
                    <Th className="text-right">Running</Th>
                    <Th className="text-right">Failed (24 h)</Th>
                  </tr>
                </THead>
                <TBody>
                  {busy.map((q) => (
                    <Tr key={q.name}>
                      <Td className="font-mono text-xs">{q.name}</Td>
                      <Td className="text-right tabular-nums">{q.queued}</Td>
                      <Td className="text-right tabular-nums">{q.active}</Td>
                      <Td className="text-right tabular-nums">{q.failed24h}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </CardBody>
          )}
        </Card>
        <Card>
          <CardHeader id="vulnerability-data" title="Vulnerability data" action={<Link href="/vulnerability-data" className="text-sm font-medium text-teal-800 hover:underline dark:text-teal-300">Manage</Link>} />
          <CardBody>
            {admin.vulnerabilityData.updatedAt ? (
              <p className="text-sm">
                {admin.vulnerabilityData.totalRecords} records, last changed <RelativeTime iso={admin.vulnerabilityData.updatedAt} />.
              </p>
            ) : (
              <Notice tone="warning" title="No vulnerability data yet">
                Scans find no vulnerabilities until OSV records are imported.
              </Notice>
            )}
          </CardBody>
        </Card>
      </div>
    </section>
  );
}
