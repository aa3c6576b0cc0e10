import { describe, expect, it } from 'vitest';
import { buildCloudEvent, buildDefaultPayload, contentTypeFor, serializePayload, type WebhookEventData } from './build-payload';

const event: WebhookEventData = {
  id: '7d0c6a4e-5c39-4f6b-9a51-0b7b2f9f1f10',
  type: 'image.pushed',
  occurredAt: new Date('2026-11-23T10:00:00.000Z'),
  operator: 'alice',
  repository: 'team/tools/cli',
  visibility: 'private',
  tag: 'v1.2.3',
  digest: `sha256:${'a'.repeat(64)}`,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  size: 12345,
  pushedAt: new Date('2026-11-23T10:00:00.000Z'),
};
const ctx = { region: 'eu-1', source: 'acs:cr:eu-1:berth:repository/team/tools/cli' };

describe('buildDefaultPayload', () => {
  it('has the documented shape, with the repository split at the namespace', () => {
    expect(buildDefaultPayload(event, ctx)).toEqual({
      event: 'image.pushed',
      occurredAt: '2026-11-23T10:00:00.000Z',
      operator: 'alice',
      repository: { namespace: 'team', name: 'tools/cli', fullName: 'team/tools/cli', visibility: 'private', region: 'eu-1' },
      pushData: { tag: 'v1.2.3', digest: `sha256:${'a'.repeat(64)}`, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 12345, pushedAt: '2026-11-23T10:00:00.000Z' },
    });
  });

  it('keeps unknown values as null', () => {
    const p = buildDefaultPayload({ ...event, type: 'tag.deleted', digest: null, mediaType: null, size: null, pushedAt: null }, ctx);
    expect(p.event).toBe('tag.deleted');
    expect(p.pushData).toEqual({ tag: 'v1.2.3', digest: null, mediaType: null, size: null, pushedAt: null });
  });
});

describe('buildCloudEvent', () => {
  it('is a CloudEvents 1.0 structured-mode event carrying the default payload as data', () => {
    const ce = buildCloudEvent(event, ctx);
    expect(ce).toMatchObject({
      specversion: '1.0',
      id: event.id,
      source: ctx.source,
      type: 'io.berth.image.pushed',
      subject: 'team/tools/cli:v1.2.3',
      time: '2026-11-23T10:00:00.000Z',
      datacontenttype: 'application/json',
    });
    expect(ce.data).toEqual(buildDefaultPayload(event, ctx));
    expect(contentTypeFor('cloudevents')).toMatch(/^application\/cloudevents\+json/);
  });
});

describe('serializePayload', () => {
  it('serializes the chosen format', () => {
    expect(JSON.parse(serializePayload('default', event, ctx))).toEqual(buildDefaultPayload(event, ctx));
    expect(JSON.parse(serializePayload('cloudevents', event, ctx)).specversion).toBe('1.0');
    expect(contentTypeFor('default')).toMatch(/^application\/json/);
  });
});

describe('scan.completed', () => {
  const scan = {
    scanId: '0b9a7c52-54a4-4c1e-8f5e-2d3c4b5a6f70',
    status: 'succeeded' as const,
    counts: { critical: 1, high: 2, medium: 1, low: 0, unknown: 3 },
    secrets: 1,
    error: null,
    reportUrl: 'https://registry.example.com/repositories/team/tools/cli/-/tags/v1.2.3/scan',
  };
  const scanEvent: WebhookEventData = { ...event, type: 'scan.completed', size: null, pushedAt: null, scan };

  it('carries the scan outcome as scanData next to the image it scanned', () => {
    const p = buildDefaultPayload(scanEvent, ctx);
    expect(p.event).toBe('scan.completed');
    expect(p.pushData).toEqual({ tag: 'v1.2.3', digest: `sha256:${'a'.repeat(64)}`, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: null, pushedAt: null });
    expect(p.scanData).toEqual(scan);
  });

  it('says why a failed scan failed, without counts, and leaves reportUrl out when unknown', () => {
    const failed = { ...scanEvent, scan: { scanId: 'x', status: 'failed' as const, counts: null, secrets: null, error: 'layer 1 (sha256:ab…) is not a valid gzip stream' } };
    expect(buildDefaultPayload(failed, ctx).scanData).toEqual({ scanId: 'x', status: 'failed', counts: null, secrets: null, error: 'layer 1 (sha256:ab…) is not a valid gzip stream' });
  });

  it('is io.berth.scan.completed in CloudEvents, and push events carry no scanData', () => {
    const ce = buildCloudEvent(scanEvent, ctx);
    expect(ce.type).toBe('io.berth.scan.completed');
    expect(ce.data.scanData?.counts).toEqual({ critical: 1, high: 2, medium: 1, low: 0, unknown: 3 });
    expect(buildDefaultPayload(event, ctx)).not.toHaveProperty('scanData');
    // Scan data on an event of another type is not sent.
    expect(buildDefaultPayload({ ...scanEvent, type: 'image.pushed' }, ctx)).not.toHaveProperty('scanData');
  });
});
