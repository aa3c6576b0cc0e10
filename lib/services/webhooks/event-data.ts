import { repositoryResource } from '@/lib/access/resource';
import type { AppContext } from '@/lib/services/context';
import { resourceContext } from '@/lib/services/access/decide';
import type { PayloadContext, WebhookEventData } from '@/lib/webhooks/build-payload';
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
}

export function eventDataOf(row: WebhookEventRow): WebhookEventData {
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
  };
}

/** Region, and the CloudEvents `source`: the repository's resource name (acs:cr:<region>:<account>:repository/<name>). */
export function payloadContext(app: AppContext, repositoryName: string): PayloadContext {
  return { region: app.config.region, source: repositoryResource(resourceContext(app), repositoryName) };
}
