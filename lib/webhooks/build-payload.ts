import type { DeliveredEventType, PayloadFormat } from './event-types';

/** What a payload says about an event, whatever the format. */
export interface WebhookEventData {
  /** The event's id: the same in every delivery and redelivery of it (CloudEvents `id`). */
  id: string;
  type: DeliveredEventType;
  occurredAt: Date;
  /** Username of who pushed or deleted. */
  operator: string;
  /** Full repository name, `team/app` or `team/tools/cli`. */
  repository: string;
  visibility: 'public' | 'private';
  tag: string;
  digest: string | null;
  mediaType: string | null;
  size: number | null;
  pushedAt: Date | null;
  /** For `scan.completed`: how the scan ended. */
  scan?: ScanEventData;
}

/** The outcome of a scan, as `scan.completed` reports it. */
export interface ScanEventData {
  scanId: string;
  status: 'succeeded' | 'failed';
  /** Vulnerabilities by level over every platform; null when the scan failed. */
  counts: { critical: number; high: number; medium: number; low: number; unknown: number } | null;
  secrets: number | null;
  /** Why a failed scan failed. */
  error: string | null;
  /** The report in the console, when the server knows its public URL (BERTH_PUBLIC_URL). */
  reportUrl?: string;
}

/** Where the payload says it comes from. */
export interface PayloadContext {
  region: string;
  /** CloudEvents `source`: a URI naming the repository (its RAM resource name). */
  source: string;
}

export interface DefaultPayload {
  event: DeliveredEventType;
  occurredAt: string;
  operator: string;
  repository: { namespace: string; name: string; fullName: string; visibility: 'public' | 'private'; region: string };
  pushData: { tag: string; digest: string | null; mediaType: string | null; size: number | null; pushedAt: string | null };
  /** Only in `scan.completed`: the scanned image is the one `pushData` names (tag and digest). */
  scanData?: ScanEventData;
}

export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: DefaultPayload;
}

/** CloudEvents types are reverse-DNS by convention: image.pushed becomes io.berth.image.pushed (io.berth.scan.completed). */
export const CLOUDEVENTS_TYPE_PREFIX = 'io.berth.';

export function buildDefaultPayload(e: WebhookEventData, ctx: PayloadContext): DefaultPayload {
  const slash = e.repository.indexOf('/');
  return {
    event: e.type,
    occurredAt: e.occurredAt.toISOString(),
    operator: e.operator,
    repository: {
      namespace: e.repository.slice(0, slash),
      name: e.repository.slice(slash + 1),
      fullName: e.repository,
      visibility: e.visibility,
      region: ctx.region,
    },
    pushData: { tag: e.tag, digest: e.digest, mediaType: e.mediaType, size: e.size, pushedAt: e.pushedAt?.toISOString() ?? null },
    ...(e.type === 'scan.completed' && e.scan ? { scanData: scanDataOf(e.scan) } : {}),
  };
}

/** A fixed key order, so the signed bytes do not depend on how the event data was assembled. */
function scanDataOf(s: ScanEventData): ScanEventData {
  return {
    scanId: s.scanId,
    status: s.status,
    counts: s.counts && { critical: s.counts.critical, high: s.counts.high, medium: s.counts.medium, low: s.counts.low, unknown: s.counts.unknown },
    secrets: s.secrets,
    error: s.error,
    ...(s.reportUrl ? { reportUrl: s.reportUrl } : {}),
  };
}

/** CloudEvents 1.0 in structured mode: the whole event is the body, sent as application/cloudevents+json. */
export function buildCloudEvent(e: WebhookEventData, ctx: PayloadContext): CloudEvent {
  return {
    specversion: '1.0',
    id: e.id,
    source: ctx.source,
    type: `${CLOUDEVENTS_TYPE_PREFIX}${e.type}`,
    subject: `${e.repository}:${e.tag}`,
    time: e.occurredAt.toISOString(),
    datacontenttype: 'application/json',
    data: buildDefaultPayload(e, ctx),
  };
}

/** The request body for a format: the bytes that are sent and signed. */
export function serializePayload(format: PayloadFormat, e: WebhookEventData, ctx: PayloadContext): string {
  return JSON.stringify(format === 'cloudevents' ? buildCloudEvent(e, ctx) : buildDefaultPayload(e, ctx));
}

export function contentTypeFor(format: PayloadFormat): string {
  return format === 'cloudevents' ? 'application/cloudevents+json; charset=utf-8' : 'application/json; charset=utf-8';
}
