// The delivery fields of the webhook API: each webhook's newest delivery in its list and GET (`lastDelivery`), and
// GET …/deliveries/{deliveryId} for one delivery with its attempts, on repository and namespace webhooks.
import { describe, expect, it } from 'vitest';
import * as nsDeliveryRoute from '@/app/api/v1/namespaces/[namespace]/webhooks/[id]/deliveries/[deliveryId]/route';
import * as nsHooksRoute from '@/app/api/v1/namespaces/[namespace]/webhooks/route';
import * as nsTestRoute from '@/app/api/v1/namespaces/[namespace]/webhooks/[id]/test/route';
import * as redeliverRoute from '@/app/api/v1/repositories/[namespace]/[repository]/webhooks/[id]/deliveries/[deliveryId]/redeliver/route';
import * as deliveryRoute from '@/app/api/v1/repositories/[namespace]/[repository]/webhooks/[id]/deliveries/[deliveryId]/route';
import * as eventsRoute from '@/app/api/v1/repositories/[namespace]/[repository]/events/route';
import * as hookRoute from '@/app/api/v1/repositories/[namespace]/[repository]/webhooks/[id]/route';
import * as hooksRoute from '@/app/api/v1/repositories/[namespace]/[repository]/webhooks/route';
import * as testRoute from '@/app/api/v1/repositories/[namespace]/[repository]/webhooks/[id]/test/route';
import { callApi, repoParams } from '../../support/api';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import type { TestUser } from '../../support/registry';
import { createRepoWebhook, listDeliveries, useReceiver, useWebhookHarness, waitFor } from './support';

const h = useWebhookHarness();
// Every request to a path ending in /fails gets a 500; the others a 200.
const r = useReceiver((n) => (r.received[n]!.path.endsWith('/fails') ? 500 : 200));

type Delivery = { id: string; status: string; eventType: string; kind: string; createdAt: string; completedAt: string | null; attempts: unknown[] };

async function newRepo(owner: TestUser = h.reg.admin) {
  const repo = `${randomName('ns')}/${randomName('app')}`;
  await new OciClient(h.reg, owner).pushImage(repo, 'seed');
  return repo;
}

const hookParams = (repo: string, id: string) => ({ ...repoParams(repo), id });
const listHooks = (repo: string) => callApi(h.reg, hooksRoute.GET, { path: '/x', params: repoParams(repo), as: h.reg.admin });
const getHook = (repo: string, id: string) => callApi(h.reg, hookRoute.GET, { path: '/x', params: hookParams(repo, id), as: h.reg.admin });
const getDelivery = (as: TestUser | null, repo: string, id: string, deliveryId: string) =>
  callApi(h.reg, deliveryRoute.GET, { path: '/x', params: { ...hookParams(repo, id), deliveryId }, as });
const sendTest = (repo: string, id: string) => callApi(h.reg, testRoute.POST, { method: 'POST', path: '/x', params: hookParams(repo, id), as: h.reg.admin });

/** Waits for a delivery to leave `pending`, and returns it as the single-delivery GET gives it. */
async function settled(repo: string, id: string, deliveryId: string): Promise<Delivery> {
  return waitFor(async () => {
    const res = await getDelivery(h.reg.admin, repo, id, deliveryId);
    return res.body.status !== 'pending' ? (res.body as Delivery) : null;
  }, 20_000, `delivery ${deliveryId} to settle`);
}

const summary = (d: Delivery) => ({ id: d.id, status: d.status, eventType: d.eventType, createdAt: d.createdAt, completedAt: d.completedAt, attemptCount: d.attempts.length });

describe('lastDelivery', () => {
  it('gives each webhook of a list its own newest delivery, and null before the first', async () => {
    const repo = await newRepo();
    const hooks = [];
    for (const name of ['a', 'b', 'quiet']) {
      const res = await createRepoWebhook(h.reg, h.reg.admin, repo, { name, url: `${r.url}/${repo}/${name}` });
      expect(res.body.lastDelivery).toBeNull();
      hooks.push(res.body as { id: string });
    }
    const [a, b, quiet] = hooks as [{ id: string }, { id: string }, { id: string }];
    const aFirst = await settled(repo, a.id, (await sendTest(repo, a.id)).body.id);
    const aSecond = await settled(repo, a.id, (await sendTest(repo, a.id)).body.id);
    const bOnly = await settled(repo, b.id, (await sendTest(repo, b.id)).body.id);
    expect(aSecond.id).not.toBe(aFirst.id);

    const list = await listHooks(repo);
    expect(list.status).toBe(200);
    const byId = new Map(list.body.items.map((w: { id: string; lastDelivery: unknown }) => [w.id, w.lastDelivery]));
    expect(byId.get(a.id)).toEqual(summary(aSecond));
    expect(byId.get(b.id)).toEqual(summary(bOnly));
    expect(byId.get(quiet.id)).toBeNull();
    expect(summary(aSecond)).toMatchObject({ status: 'succeeded', eventType: 'webhook.test', completedAt: expect.any(String) });
    // The newest delivery is the first of the webhook's delivery list.
    const log = await listDeliveries(h.reg, h.reg.admin, repo, a.id);
    expect(log.body.items[0].id).toBe(aSecond.id);
    expect((await getHook(repo, a.id)).body.lastDelivery).toEqual(summary(aSecond));
    expect((await getHook(repo, quiet.id)).body.lastDelivery).toBeNull();
  });

  it('shows a pending delivery as pending, then its outcome, and a redelivery as the newest', async () => {
    const repo = await newRepo();
    const created = await createRepoWebhook(h.reg, h.reg.admin, repo, { name: 'flaky', url: `${r.url}/${repo}/fails` });
    const id = created.body.id as string;
    await h.stopJobs(); // nothing is sent while the worker is stopped
    const queued = await sendTest(repo, id);
    expect((await getHook(repo, id)).body.lastDelivery).toEqual({
      id: queued.body.id,
      status: 'pending',
      eventType: 'webhook.test',
      createdAt: queued.body.createdAt,
      completedAt: null,
      attemptCount: 0,
    });
    await h.startJobs();
    const failed = await settled(repo, id, queued.body.id);
    expect(failed.status).toBe('failed'); // a test event is sent once
    expect((await listHooks(repo)).body.items[0].lastDelivery).toEqual(summary(failed));

    const again = await callApi(h.reg, redeliverRoute.POST, { method: 'POST', path: '/x', params: { ...hookParams(repo, id), deliveryId: failed.id }, as: h.reg.admin });
    expect(again.status).toBe(202);
    expect((await listHooks(repo)).body.items[0].lastDelivery.id).toBe(again.body.id);
  });

  it('counts the attempts of a delivery waiting for its retry, so a list can tell a retry from a first try', async () => {
    const repo = await newRepo();
    const created = await createRepoWebhook(h.reg, h.reg.admin, repo, { name: 'retried', url: `${r.url}/${repo}/fails` });
    const id = created.body.id as string;
    await new OciClient(h.reg, h.reg.admin).pushImage(repo, 'v1');
    await waitFor(() => r.received.some((x) => x.path === `/${repo}/fails`), 15_000, 'the first attempt');
    await h.stopJobs(); // waits for the attempt to be recorded; the retry waits for the next worker
    try {
      const last = (await getHook(repo, id)).body.lastDelivery;
      expect(last).toMatchObject({ status: 'pending', eventType: 'image.pushed', attemptCount: 1, completedAt: null });
      const events = await callApi(h.reg, eventsRoute.GET, { path: '/x', params: repoParams(repo), as: h.reg.admin });
      const pushed = events.body.items.find((e: { tag: string }) => e.tag === 'v1');
      expect(pushed.deliveries).toEqual([expect.objectContaining({ id: last.id, status: 'pending', attemptCount: 1 })]);
    } finally {
      await h.startJobs();
    }
    const done = await settled(repo, id, (await getHook(repo, id)).body.lastDelivery.id);
    expect(done.status).toBe('failed');
    expect(done.attempts).toHaveLength(h.reg.app.config.webhooks.maxAttempts);
    expect((await getHook(repo, id)).body.lastDelivery).toEqual(summary(done));
  });
});

describe('GET one delivery', () => {
  it('returns the delivery with its attempts, as the delivery list does', async () => {
    const repo = await newRepo();
    const created = await createRepoWebhook(h.reg, h.reg.admin, repo, { name: 'ci', url: `${r.url}/${repo}/ok` });
    const id = created.body.id as string;
    const sent = await sendTest(repo, id);
    const delivery = await settled(repo, id, sent.body.id);
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toMatchObject({ number: 1, outcome: 'succeeded', statusCode: 200 });
    const log = await listDeliveries(h.reg, h.reg.admin, repo, id);
    expect(log.body.items.find((d: Delivery) => d.id === delivery.id)).toEqual(delivery);
  });

  it('is 404 for another webhook\'s delivery, a missing one, and a malformed id; hidden from strangers, refused to readers', async () => {
    const repo = await newRepo();
    const one = (await createRepoWebhook(h.reg, h.reg.admin, repo, { name: 'one', url: `${r.url}/${repo}/one` })).body as { id: string };
    const two = (await createRepoWebhook(h.reg, h.reg.admin, repo, { name: 'two', url: `${r.url}/${repo}/two` })).body as { id: string };
    const sent = (await sendTest(repo, one.id)).body as { id: string };
    expect((await getDelivery(h.reg.admin, repo, one.id, sent.id)).status).toBe(200);
    const missing = await getDelivery(h.reg.admin, repo, one.id, '00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const elsewhere = await getDelivery(h.reg.admin, repo, two.id, sent.id);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body).toEqual(missing.body);
    expect((await getDelivery(h.reg.admin, repo, one.id, 'not-a-uuid')).status).toBe(404);
    // Another repository's URL does not reach this webhook's delivery.
    const other = await newRepo();
    expect((await getDelivery(h.reg.admin, other, one.id, sent.id)).status).toBe(404);

    const [stranger, reader] = await Promise.all([h.reg.createUser(), h.reg.createUser()]);
    const repository = await h.reg.app.db.repository.findUniqueOrThrow({ where: { name: repo } });
    await h.reg.app.db.repositoryPermission.create({ data: { repositoryId: repository.id, userId: reader.id, level: 'READ' } });
    expect((await getDelivery(stranger, repo, one.id, sent.id)).status).toBe(404);
    expect((await getDelivery(reader, repo, one.id, sent.id)).status).toBe(403);
  });

  it('works for namespace webhooks, and not through a repository URL', async () => {
    const owner = await h.reg.createUser();
    const ns = randomName('ns');
    await h.reg.app.db.namespace.create({ data: { name: ns, ownerId: owner.id } });
    await new OciClient(h.reg, owner).pushImage(`${ns}/app`, 'seed');
    const params = { namespace: ns };
    const hook = await callApi(h.reg, nsHooksRoute.POST, { method: 'POST', path: '/x', params, as: owner, body: { name: 'all', url: `${r.url}/${ns}/all` } });
    expect(hook.status).toBe(201);
    const sent = await callApi(h.reg, nsTestRoute.POST, { method: 'POST', path: '/x', params: { ...params, id: hook.body.id }, as: owner });
    expect(sent.status).toBe(202);
    const get = (as: TestUser) => callApi(h.reg, nsDeliveryRoute.GET, { path: '/x', params: { ...params, id: hook.body.id, deliveryId: sent.body.id }, as });
    const done = await waitFor(async () => {
      const res = await get(owner);
      return res.body.status === 'succeeded' ? res.body : null;
    }, 20_000, 'the namespace test delivery');
    expect(done).toMatchObject({ id: sent.body.id, webhookId: hook.body.id, kind: 'test', attempts: [{ number: 1, statusCode: 200 }] });
    expect((await get(await h.reg.createUser())).status).toBe(404);
    expect((await getDelivery(owner, `${ns}/app`, hook.body.id, sent.body.id)).status).toBe(404);
  });
});
