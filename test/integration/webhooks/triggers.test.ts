// Triggers (all, regex, tag list; enabled, events) decide which pushes fire a webhook; the event log says, per
// event, which webhooks fired and which did not and why. A hostile regex cannot stall anything (RE2).
import { describe, expect, it } from 'vitest';
import { createRepoWebhook, listEvents, sleep, useWebhookSuite, waitFor } from './support';

const suite = useWebhookSuite();
const { receiver, newRepo, hook } = suite;

describe('webhook triggers', () => {
  it('delivers nothing for a tag that matches no trigger, and logs the event as untriggered', async () => {
    const repo = newRepo();
    await suite.oci.pushImage(repo, 'seed');
    const r = await receiver();
    const wh = await hook(repo, r, { name: 'releases', trigger: { kind: 'regex', pattern: 'v[0-9]+\\.[0-9]+' } });
    const off = await hook(repo, r, { name: 'paused', enabled: false });
    const deletes = await hook(repo, r, { name: 'deletes-only', events: ['tag.deleted'] });
    await suite.oci.pushImage(repo, 'nightly');

    const events = await waitFor(async () => {
      const res = await listEvents(suite.h.reg, suite.h.reg.admin, repo);
      const e = res.body.items.find((x: { tag: string }) => x.tag === 'nightly');
      return e?.dispatchedAt ? e : null;
    }, 15_000, 'the event to be dispatched');
    expect(events).toMatchObject({ type: 'image.pushed', operator: 'admin', deliveries: [] });
    expect(events.untriggered).toEqual(
      expect.arrayContaining([
        { webhookId: wh.id, webhookName: 'releases', reason: 'tag-not-matched' },
        { webhookId: off.id, webhookName: 'paused', reason: 'disabled' },
        { webhookId: deletes.id, webhookName: 'deletes-only', reason: 'event-not-selected' },
      ]),
    );
    await sleep(500);
    expect(r.received).toHaveLength(0);
  });

  it('fires a regex trigger only for tags it matches in full', async () => {
    const repo = newRepo();
    await suite.oci.pushImage(repo, 'seed');
    const r = await receiver();
    await hook(repo, r, { trigger: { kind: 'regex', pattern: 'v[0-9]+\\.[0-9]+\\.[0-9]+' } });
    await suite.oci.pushImage(repo, 'v1.2.3-rc1');
    await suite.oci.pushImage(repo, 'v1.2.3');
    await waitFor(() => r.received.length >= 1);
    await sleep(1000);
    expect(r.received.map((x) => JSON.parse(x.body).pushData.tag)).toEqual(['v1.2.3']);
  });

  it('fires a tag-list trigger for listed tags only', async () => {
    const repo = newRepo();
    await suite.oci.pushImage(repo, 'seed');
    const r = await receiver();
    await hook(repo, r, { trigger: { kind: 'tags', tags: ['latest', 'stable'] } });
    for (const tag of ['stable', 'edge', 'latest']) await suite.oci.pushImage(repo, tag);
    await waitFor(() => r.received.length >= 2);
    await sleep(1000);
    expect(r.received.map((x) => JSON.parse(x.body).pushData.tag).sort()).toEqual(['latest', 'stable']);
  });

  it('matches a hostile regex in linear time: no stall, just untriggered', async () => {
    const repo = newRepo();
    await suite.oci.pushImage(repo, 'seed');
    const r = await receiver();
    const wh = await hook(repo, r, { trigger: { kind: 'regex', pattern: '(a+)+$' } });
    const tag = `${'a'.repeat(120)}b`;
    const started = Date.now();
    await suite.oci.pushImage(repo, tag);
    const event = await waitFor(async () => {
      const e = (await listEvents(suite.h.reg, suite.h.reg.admin, repo)).body.items.find((x: { tag: string }) => x.tag === tag);
      return e?.dispatchedAt ? e : null;
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(event.untriggered).toEqual([{ webhookId: wh.id, webhookName: 'ci', reason: 'tag-not-matched' }]);
    // The pattern does match tags of a's only.
    await suite.oci.pushImage(repo, 'aaaa');
    await waitFor(() => r.received.length >= 1);
    expect(JSON.parse(r.received[0]!.body).pushData.tag).toBe('aaaa');
  });

  it('lists, per event, which webhooks fired and which did not', async () => {
    const repo = newRepo();
    await suite.oci.pushImage(repo, 'seed');
    const r = await receiver();
    const fired = await hook(repo, r, { name: 'all-tags' });
    const skipped = await hook(repo, r, { name: 'prod-only', trigger: { kind: 'tags', tags: ['prod'] } });
    await suite.oci.pushImage(repo, 'dev');
    const event = await waitFor(async () => {
      const e = (await listEvents(suite.h.reg, suite.h.reg.admin, repo)).body.items[0];
      return e?.tag === 'dev' && e.deliveries[0]?.status === 'succeeded' ? e : null;
    });
    expect(event.deliveries).toEqual([{ id: expect.any(String), webhookId: fired.id, webhookName: 'all-tags', kind: 'event', status: 'succeeded', attemptCount: 1 }]);
    expect(event.untriggered).toEqual([{ webhookId: skipped.id, webhookName: 'prod-only', reason: 'tag-not-matched' }]);
    const all = (await listEvents(suite.h.reg, suite.h.reg.admin, repo)).body;
    expect(all.items.map((e: { tag: string }) => e.tag)).toEqual(['dev', 'seed']);
  });
});
