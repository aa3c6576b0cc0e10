// GET /namespaces/{ns}/events: recent events across a namespace's repositories, with the webhooks each fired and
// those it did not (namespace webhooks included) and why; paged; authorized as namespace webhooks are, and each
// repository as its own events list is (hidden repositories are absent, a hidden namespace is a missing one).
import { describe, expect, it } from 'vitest';
import * as nsEventsRoute from '@/app/api/v1/namespaces/[namespace]/events/route';
import * as nsHooksRoute from '@/app/api/v1/namespaces/[namespace]/webhooks/route';
import { repositoryResource } from '@/lib/access/resource';
import { resourceContext } from '@/lib/services/access/decide';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import type { TestUser } from '../../support/registry';
import { createRepoWebhook, listEvents, useReceiver, useWebhookHarness, waitFor } from './support';

const h = useWebhookHarness();
const r = useReceiver();

type EventItem = {
  id: string;
  repository: string;
  tag: string;
  dispatchedAt: string | null;
  deliveries: Array<{ webhookId: string; webhookName: string; status: string }>;
  untriggered: Array<{ webhookId: string; webhookName: string; reason: string }>;
};

const nsEvents = (as: TestUser | null, ns: string, query = '') =>
  callApi(h.reg, nsEventsRoute.GET, { path: `/api/v1/namespaces/${ns}/events${query}`, params: { namespace: ns }, as });

const createNsHook = async (owner: TestUser, ns: string, body: Record<string, unknown>) => {
  const res = await callApi(h.reg, nsHooksRoute.POST, { method: 'POST', path: `/api/v1/namespaces/${ns}/webhooks`, params: { namespace: ns }, as: owner, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
};

/** Waits until the namespace's event list holds `count` dispatched events, and returns them. */
async function dispatched(as: TestUser, ns: string, count: number): Promise<EventItem[]> {
  return waitFor(async () => {
    const res = await nsEvents(as, ns, '?limit=100');
    const items = res.body.items as EventItem[];
    return items.length >= count && items.every((e) => e.dispatchedAt) ? items : null;
  }, 20_000, `${count} dispatched events in ${ns}`);
}

/** A namespace owned by a non-admin user, with repositories `one` and `two` created by pushing `seed`. */
async function namespaceWithTwoRepos() {
  const owner = await h.reg.createUser();
  const ns = randomName('ns');
  await h.reg.app.db.namespace.create({ data: { name: ns, ownerId: owner.id } });
  const oci = new OciClient(h.reg, owner);
  await oci.pushImage(`${ns}/one`, 'seed');
  await oci.pushImage(`${ns}/two`, 'seed');
  return { owner, ns, oci };
}

describe('namespace events', () => {
  it('lists the events of every repository, with the untriggered reasons of namespace webhooks', async () => {
    const { owner, ns, oci } = await namespaceWithTwoRepos();
    const releases = await createNsHook(owner, ns, { name: 'releases', url: `${r.url}/${ns}`, trigger: { kind: 'regex', pattern: 'v[0-9]+' } });
    const paused = await createNsHook(owner, ns, { name: 'paused', url: `${r.url}/${ns}`, enabled: false });
    const deletes = await createNsHook(owner, ns, { name: 'deletes', url: `${r.url}/${ns}`, events: ['tag.deleted'] });
    const own = await createRepoWebhook(h.reg, owner, `${ns}/two`, { name: 'two-only', url: `${r.url}/${ns}/two` });
    expect(own.status).toBe(201);
    await oci.pushImage(`${ns}/one`, 'nightly');
    await oci.pushImage(`${ns}/two`, 'nightly');

    const items = await dispatched(owner, ns, 4);
    expect(items.map((e) => `${e.repository}:${e.tag}`)).toEqual([`${ns}/two:nightly`, `${ns}/one:nightly`, `${ns}/two:seed`, `${ns}/one:seed`]);
    const [two, one] = items as [EventItem, EventItem];
    // A push that fired nothing, and the reason of each namespace webhook.
    expect(one.deliveries).toEqual([]);
    expect(one.untriggered).toEqual(
      expect.arrayContaining([
        { webhookId: releases.id, webhookName: 'releases', reason: 'tag-not-matched' },
        { webhookId: paused.id, webhookName: 'paused', reason: 'disabled' },
        { webhookId: deletes.id, webhookName: 'deletes', reason: 'event-not-selected' },
      ]),
    );
    expect(one.untriggered).toHaveLength(3);
    // The repository's own webhook fired; the namespace webhooks did not.
    expect(two.deliveries.map((d) => d.webhookName)).toEqual(['two-only']);
    expect(two.untriggered.map((u) => u.webhookName).sort()).toEqual(['deletes', 'paused', 'releases']);
    // The same entries the repository's own events list gives.
    const perRepo = await listEvents(h.reg, owner, `${ns}/one`);
    expect(perRepo.body.items[0]).toEqual(one);
  });

  it('pages newest first with a cursor, and checks the page size', async () => {
    const { owner, ns, oci } = await namespaceWithTwoRepos();
    for (const tag of ['a', 'b']) await oci.pushImage(`${ns}/one`, tag);
    await oci.pushImage(`${ns}/two`, 'c');
    const all = await dispatched(owner, ns, 5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await nsEvents(owner, ns, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((e: EventItem) => e.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    expect((await nsEvents(owner, ns, '?limit=0')).status).toBe(400);
    expect((await nsEvents(owner, ns, '?cursor=nope')).status).toBe(400);
  });

  it('answers a caller without rights exactly as for a missing namespace, and refuses repository-level admins', async () => {
    const { owner, ns } = await namespaceWithTwoRepos();
    const [stranger, repoAdmin] = await Promise.all([h.reg.createUser(), h.reg.createUser()]);
    const repository = await h.reg.app.db.repository.findUniqueOrThrow({ where: { name: `${ns}/one` } });
    await h.reg.app.db.repositoryPermission.create({ data: { repositoryId: repository.id, userId: repoAdmin.id, level: 'ADMIN' } });

    const missing = await nsEvents(stranger, randomName('missing'));
    expect(missing.status).toBe(404);
    const hidden = await nsEvents(stranger, ns);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    // Anonymous callers learn nothing either: the same answer for this namespace and a missing one.
    const anonymous = await nsEvents(null, ns);
    expect([401, 404]).toContain(anonymous.status);
    const anonymousMissing = await nsEvents(null, randomName('missing'));
    expect([anonymous.status, anonymous.body]).toEqual([anonymousMissing.status, anonymousMissing.body]);
    // Sees the namespace through its repository, but may not list namespace webhooks: as the webhook list answers.
    expect((await nsEvents(repoAdmin, ns)).status).toBe(403);
    expect((await callApi(h.reg, nsHooksRoute.GET, { path: '/x', params: { namespace: ns }, as: repoAdmin })).status).toBe(403);
    expect((await nsEvents(owner, ns)).status).toBe(200);
  });

  it('leaves out the repositories whose webhooks the caller may not list', async () => {
    const { ns, oci } = await namespaceWithTwoRepos();
    await oci.pushImage(`${ns}/one`, 'v1');
    await oci.pushImage(`${ns}/two`, 'v1');
    const nsAdmin = await h.reg.createUser();
    const namespace = await h.reg.app.db.namespace.findUniqueOrThrow({ where: { name: ns } });
    await h.reg.app.db.namespacePermission.create({ data: { namespaceId: namespace.id, userId: nsAdmin.id, level: 'ADMIN' } });
    const everything = await dispatched(nsAdmin, ns, 4);
    expect(new Set(everything.map((e) => e.repository))).toEqual(new Set([`${ns}/one`, `${ns}/two`]));

    // A policy denies listing the webhooks of `two`: its own events list refuses, and the namespace's leaves it out.
    const policyName = randomName('deny-two');
    const resource = repositoryResource(resourceContext(h.reg.app), `${ns}/two`);
    await h.reg.app.db.policy.create({
      data: { name: policyName, document: { Version: '1', Statement: [{ Effect: 'Deny', Action: 'cr:ListWebhook', Resource: resource }] } },
    });
    await h.reg.app.db.userPolicy.create({ data: { userId: nsAdmin.id, policyName } });
    expect((await listEvents(h.reg, nsAdmin, `${ns}/two`)).status).toBe(403);
    const res = await nsEvents(nsAdmin, ns, '?limit=100');
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: EventItem) => `${e.repository}:${e.tag}`)).toEqual([`${ns}/one:v1`, `${ns}/one:seed`]);
    // Paging over the filtered list ends with the visible events.
    const first = await nsEvents(nsAdmin, ns, '?limit=1');
    const second = await nsEvents(nsAdmin, ns, `?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((e: EventItem) => e.tag)).toEqual(['seed']);
    expect(second.body.nextCursor).toBeNull();
  });
});
