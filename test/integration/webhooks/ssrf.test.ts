// With private targets not allowed (the default), a webhook aimed at loopback is refused after DNS resolution: the
// attempt is recorded as refused and the receiver is never contacted.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import { createRepoWebhook, listDeliveries, sleep, useReceiver, useWebhookHarness, waitFor } from './support';

const h = useWebhookHarness({ allowPrivate: false });
const r = useReceiver();
let oci: OciClient;
beforeAll(() => {
  oci = new OciClient(h.reg, h.reg.admin);
});

const port = () => new URL(r.url).port;

describe('private targets', () => {
  it.each([
    ['an IP literal on loopback', () => `http://127.0.0.1:${port()}/hook`, /127\.0\.0\.1, a loopback address/],
    ['a name that resolves to loopback', () => `http://localhost:${port()}/hook`, /localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
    ['an IPv4-mapped IPv6 literal', () => `http://[::ffff:127.0.0.1]:${port()}/hook`, /loopback address/],
  ])('refuses %s, without retrying or connecting', async (_label, url, message) => {
    const repo = `${randomName('ns')}/${randomName('app')}`;
    await oci.pushImage(repo, 'seed');
    const res = await createRepoWebhook(h.reg, h.reg.admin, repo, { name: 'internal', url: url() });
    // Saving is allowed (the check that decides happens at delivery, on the addresses the name resolves to then), but
    // the answer flags the target in the words a refused delivery will use.
    expect(res.status).toBe(201);
    expect(res.body.targetWarning).toMatch(message);
    await oci.pushImage(repo, 'v1');
    const d = await waitFor(async () => {
      const [item] = (await listDeliveries(h.reg, h.reg.admin, repo, res.body.id)).body.items;
      return item && item.status !== 'pending' ? item : null;
    });
    expect(d.status).toBe('refused');
    // The delivery names the repository and tag it was for.
    expect(d).toMatchObject({ repository: repo, tag: 'v1' });
    expect(d.attempts).toHaveLength(1);
    expect(d.attempts[0]).toMatchObject({ outcome: 'refused', statusCode: null });
    expect(d.attempts[0].error).toMatch(message);
    await sleep(1500); // a retry would have come by now (1 s backoff base)
    expect((await listDeliveries(h.reg, h.reg.admin, repo, res.body.id)).body.items[0].attempts).toHaveLength(1);
    expect(r.received).toHaveLength(0);
  });

  it('does not flag a public address when the webhook is saved', async () => {
    const repo = `${randomName('ns')}/${randomName('app')}`;
    await oci.pushImage(repo, 'seed');
    const res = await createRepoWebhook(h.reg, h.reg.admin, repo, { name: 'public', url: 'http://93.184.216.34/hook' });
    expect(res.status).toBe(201);
    expect(res.body.targetWarning).toBeNull();
  });
});
