import { repositoryResource } from '@/lib/access/resource';
import type { AppContext } from '@/lib/services/context';
import { resourceContext } from '@/lib/services/access/decide';
import { repositoryHref } from '@/lib/paths/repository-paths';
import type { PayloadContext, ScanEventData, WebhookEventData } from '@/lib/webhooks/build-payload';
import type { WebhookEventType } from '@/lib/webhooks/event-types';

export interface WebhookEventRow {
  id: string;
  type: string;
  repositoryName: string;
  visibility: 'PUBLIC' | 'PRIVATE';
  tag: string;
  digest: string | null;
  mediaType: string | null;
  size: bigint | null;
  pushedAt: Date | null;
  operator: string;
  occurredAt: Date;
  /** Event-specific data (scan.completed: the scan's outcome). */
  details?: unknown;
}

/** `publicUrl` (BERTH_PUBLIC_URL) lets a scan.completed payload link to the report in the console. */
export function eventDataOf(row: WebhookEventRow, opts: { publicUrl?: string } = {}): WebhookEventData {
  const scan = row.type === 'scan.completed' ? scanDataOf(row, opts.publicUrl) : undefined;
  return {
    id: row.id,
    type: row.type as WebhookEventType,
    occurredAt: row.occurredAt,
    operator: row.operator,
    repository: row.repositoryName,
    visibility: row.visibility === 'PUBLIC' ? 'public' : 'private',
    tag: row.tag,
    digest: row.digest,
    mediaType: row.mediaType,
    size: row.size === null ? null : Number(row.size),
    pushedAt: row.pushedAt,
    ...(scan ? { scan } : {}),
  };
}

function scanDataOf(row: WebhookEventRow, publicUrl: string | undefined): ScanEventData | undefined {
  const d = row.details as Partial<ScanEventData> | null | undefined;
  if (!d || typeof d.scanId !== 'string' || (d.status !== 'succeeded' && d.status !== 'failed')) return undefined;
  return {
    scanId: d.scanId,
    status: d.status,
    counts: d.counts ?? null,
    secrets: d.secrets ?? null,
    error: d.error ?? null,
    ...(publicUrl && row.tag ? { reportUrl: `${publicUrl}${repositoryHref(row.repositoryName, { tab: 'scan', tag: row.tag })}` } : {}),
  };
}

/** Region, and the CloudEvents `source`: the repository's resource name (acs:cr:<region>:<account>:repository/<name>). */
export function payloadContext(app: AppContext, repositoryName: string): PayloadContext {
  return { region: app.config.region, source: repositoryResource(resourceContext(app), repositoryName) };
}
