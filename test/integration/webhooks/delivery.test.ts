// Push and tag-delete events delivered to a receiver on loopback: the signed payload, tag.deleted, retries with
// backoff, giving up, CloudEvents, redelivery and test events.
import { describe, expect, it } from 'vitest';
import * as redeliverRoute from '@/app/api/v1/repositories/[namespace]/[repository]/webhooks/[id]/deliveries/[deliveryId]/redeliver/route';
import * as tagRoute from '@/app/api/v1/repositories/[namespace]/[repository]/tags/[tag]/route';
import * as testRoute from '@/app/api/v1/repositories/[namespace]/[repository]/webhooks/[id]/test/route';
import { verifySignature } from '@/lib/webhooks/sign-payload';
import { callApi, repoParams } from '../../support/api';
import { sha256 } from '../../support/oci-client';
import { createRepoWebhook, listDeliveries, listEvents, sleep, useWebhookSuite, waitFor } from './support';

const suite = useWebhookSuite();
const { receiver, newRepo, hook } = suite;

describe('webhook delivery', () => {
  it('delivers one signed payload for a push to a matching tag', async () => {
    const repo = newRepo();
    await suite.oci.pushImage(repo, 'seed'); // the repository must exist before its webhook
    const r = await receiver();
    const wh = await hook(repo, r, { secret: 'correct-horse-battery', trigger: { kind: 'tags', tags: ['v1'] } });
    const pushed = await suite.oci.pushImage(repo, 'v1');

    await waitFor(() => r.received.length >= 1, 15_000, 'a delivery');
    await sleep(1000);
    expect(r.received).toHaveLength(1);
    const req = r.received[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/hook');
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(req.headers['x-berth-event']).toBe('image.pushed');
    expect(req.headers['x-berth-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(req.headers['x-berth-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 60);
    // The receiver's check: HMAC-SHA256 over the raw body with the shared secret.
    expect(verifySignature('correct-horse-battery', req.body, req.headers['x-berth-signature'] as string)).toBe(true);
    expect(verifySignature('wrong-secret-value', req.body, req.headers['x-berth-signature'] as string)).toBe(false);

    const payload = JSON.parse(req.body);
    const [namespace, name] = repo.split('/');
    expect(payload).toEqual({
      event: 'image.pushed',
      occurredAt: expect.any(String),
      operator: 'admin',
      repository: { namespace, name, fullName: repo, visibility: 'private', region: 'local' },
      pushData: {
        tag: 'v1',
        digest: pushed.digest,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        size: pushed.body.length + pushed.manifest.config.size + pushed.manifest.layers[0].size,
        pushedAt: expect.any(String),
      },
    });

    const deliveries = await listDeliveries(suite.h.reg, suite.h.reg.admin, repo, wh.id);
    expect(deliveries.status).toBe(200);
    const [d] = deliveries.body.items;
    expect(d).toMatchObject({ id: req.headers['x-berth-delivery'], status: 'succeeded', kind: 'event', eventType: 'image.pushed' });
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0]).toMatchObject({ number: 1, outcome: 'succeeded', statusCode: 200, responseBody: 'ok', requestBody: req.body });
    expect(d.attempts[0].requestHeaders['X-Berth-Signature']).toBe(req.headers['x-berth-signature']);
    expect(sha256(Buffer.from(d.attempts[0].requestBody))).toBe(sha256(Buffer.from(req.body)));
  });

  it('delivers tag.deleted when a tag is deleted', async () => {
    const repo = newRepo();
    const pushed = await suite.oci.pushImage(repo, 'old');
    const r = await receiver();
    await hook(repo, r, { events: ['tag.deleted'] });
    const res = await suite.oci.fetch(`/v2/${repo}/manifests/old`, { method: 'DELETE' });
    expect(res.status).toBe(202);
    await waitFor(() => r.received.length >= 1);
    expect(r.received[0]!.headers['x-berth-event']).toBe('tag.deleted');
    expect(JSON.parse(r.received[0]!.body)).toMatchObject({ event: 'tag.deleted', operator: 'admin', pushData: { tag: 'old', digest: pushed.digest } });
  });

  it('delivers tag.deleted when a tag is deleted through the REST API too', async () => {
    const repo = newRepo();
    await suite.oci.pushImage(repo, 'gone');
    const r = await receiver();
    await hook(repo, r, { events: ['tag.deleted'] });
    const res = await callApi(suite.h.reg, tagRoute.DELETE, { method: 'DELETE', path: '/', params: { ...repoParams(repo), tag: 'gone' }, as: suite.h.reg.admin });
    expect(res.status).toBe(204);
    await waitFor(() => r.received.length >= 1);
    expect(JSON.parse(r.received[0]!.body)).toMatchObject({ event: 'tag.deleted', pushData: { tag: 'gone' } });
  });

  it('delivers tag.deleted for every tag of a manifest deleted by digest', async () => {
    const repo = newRepo();
    const pushed = await suite.oci.pushImage(repo, 'a');
    await suite.oci.fetch(`/v2/${repo}/manifests/b`, { method: 'PUT', body: pushed.body, headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' } });
    const r = await receiver();
    await hook(repo, r, { events: ['tag.deleted'] });
    expect((await suite.oci.fetch(`/v2/${repo}/manifests/${pushed.digest}`, { method: 'DELETE' })).status).toBe(202);
    await waitFor(() => r.received.length >= 2);
    expect(r.received.map((x) => JSON.parse(x.body).pushData.tag).sort()).toEqual(['a', 'b']);
  });

  it('retries a failed delivery with backoff until the receiver accepts it', async () => {
    const repo = newRepo();
    await suite.oci.pushImage(repo, 'seed');
    const r = await receiver((n) => (n === 0 ? 500 : 200));
    const wh = await hook(repo, r);
    await suite.oci.pushImage(repo, 'v2');
    await waitFor(() => r.received.length >= 2, 20_000, 'a retry');
    await sleep(1000);
    expect(r.received).toHaveLength(2);
    // The same delivery, retried: receivers can drop duplicates by X-Berth-Delivery.
    expect(r.received[1]!.headers['x-berth-delivery']).toBe(r.received[0]!.headers['x-berth-delivery']);
    expect(r.received[1]!.body).toBe(r.received[0]!.body);
    const [d] = (await listDeliveries(suite.h.reg, suite.h.reg.admin, repo, wh.id)).body.items;
    expect(d.status).toBe('succeeded');
    expect(d.attempts.map((a: { outcome: string; statusCode: number }) => [a.outcome, a.statusCode])).toEqual([
      ['failed', 500],
      ['succeeded', 200],
    ]);
    expect(d.attempts[0].responseBody).toBe('nope 0');
    expect(d.attempts[0].error).toBe('HTTP 500');
    expect(Date.parse(d.attempts[1].startedAt) - Date.parse(d.attempts[0].startedAt)).toBeGreaterThanOrEqual(900);
  });

  it('gives up after the configured number of attempts', async () => {
    const repo = newRepo();
    await suite.oci.pushImage(repo, 'seed');
    const r = await receiver(() => 503);
    const wh = await hook(repo, r);
    await suite.oci.pushImage(repo, 'v3');
    const d = await waitFor(async () => {
      const [item] = (await listDeliveries(suite.h.reg, suite.h.reg.admin, repo, wh.id)).body.items;
      return item?.status === 'failed' ? item : null;
    }, 30_000, 'the delivery to fail');
    expect(d.attempts).toHaveLength(3);
    expect(r.received).toHaveLength(3);
  });

  it('sends CloudEvents 1.0 in structured mode', async () => {
    const repo = newRepo();
    await suite.oci.pushImage(repo, 'seed');
    const r = await receiver();
    await hook(repo, r, { format: 'cloudevents', secret: 'cloud-secret-123' });
    const pushed = await suite.oci.pushImage(repo, 'ce');
    await waitFor(() => r.received.length >= 1);
    const req = r.received[0]!;
    expect(req.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
    expect(verifySignature('cloud-secret-123', req.body, req.headers['x-berth-signature'] as string)).toBe(true);
    const ce = JSON.parse(req.body);
    const event = (await listEvents(suite.h.reg, suite.h.reg.admin, repo)).body.items.find((e: { tag: string }) => e.tag === 'ce');
    expect(ce).toEqual({
      specversion: '1.0',
      id: event.id,
      source: `acs:cr:local:berth:repository/${repo}`,
      type: 'io.berth.image.pushed',
      subject: `${repo}:ce`,
      time: expect.any(String),
      datacontenttype: 'application/json',
      data: expect.objectContaining({ event: 'image.pushed', pushData: expect.objectContaining({ tag: 'ce', digest: pushed.digest }) }),
    });
  });

  it('redelivers a delivery as a new delivery with the same body', async () => {
    const repo = newRepo();
    await suite.oci.pushImage(repo, 'seed');
    const r = await receiver();
    const wh = await hook(repo, r);
    await suite.oci.pushImage(repo, 'again');
    await waitFor(() => r.received.length >= 1);
    const [first] = (await waitFor(async () => {
      const items = (await listDeliveries(suite.h.reg, suite.h.reg.admin, repo, wh.id)).body.items;
      return items[0]?.status === 'succeeded' ? items : null;
    })) as Array<{ id: string }>;
    const res = await callApi(suite.h.reg, redeliverRoute.POST, {
      method: 'POST',
      path: `/api/v1/repositories/${repo}/webhooks/${wh.id}/deliveries/${first!.id}/redeliver`,
      params: { ...repoParams(repo), id: wh.id, deliveryId: first!.id },
      as: suite.h.reg.admin,
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind: 'redelivery', redeliveryOf: first!.id, status: 'pending' });
    expect(res.body.id).not.toBe(first!.id);
    await waitFor(() => r.received.length >= 2);
    expect(r.received[1]!.body).toBe(r.received[0]!.body);
    expect(r.received[1]!.headers['x-berth-delivery']).toBe(res.body.id);
    const items = (await listDeliveries(suite.h.reg, suite.h.reg.admin, repo, wh.id)).body.items;
    expect(items).toHaveLength(2);

    const missing = await callApi(suite.h.reg, redeliverRoute.POST, {
      method: 'POST',
      path: '/x',
      params: { ...repoParams(repo), id: wh.id, deliveryId: '00000000-0000-4000-8000-000000000000' },
      as: suite.h.reg.admin,
    });
    expect(missing.status).toBe(404);
  });

  it('sends a test event on request, whatever the trigger', async () => {
    const repo = newRepo();
    await suite.oci.pushImage(repo, 'seed');
    const r = await receiver();
    const wh = await hook(repo, r, { trigger: { kind: 'tags', tags: ['never'] }, enabled: false, secret: 'test-secret-1' });
    const res = await callApi(suite.h.reg, testRoute.POST, {
      method: 'POST',
      path: `/api/v1/repositories/${repo}/webhooks/${wh.id}/test`,
      params: { ...repoParams(repo), id: wh.id },
      as: suite.h.reg.admin,
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind: 'test', eventType: 'webhook.test', maxAttempts: 1 });
    await waitFor(() => r.received.length >= 1);
    const req = r.received[0]!;
    expect(req.headers['x-berth-event']).toBe('webhook.test');
    expect(req.headers['x-berth-delivery']).toBe(res.body.id);
    expect(verifySignature('test-secret-1', req.body, req.headers['x-berth-signature'] as string)).toBe(true);
    expect(JSON.parse(req.body)).toMatchObject({ event: 'webhook.test', repository: { fullName: repo }, pushData: { tag: 'latest' } });
  });
});
