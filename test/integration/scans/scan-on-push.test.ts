// Scan on push and the scan.completed webhook: the namespace's setting (and a repository's override, set over REST)
// decides whether a push to a tag queues a scan in the push's own transaction; an index is scanned once, through its
// tag; and when the scan ends, webhooks subscribed to scan.completed receive its outcome on a loopback receiver.
import { beforeAll, describe, expect, it } from 'vitest';
import * as namespaceRoute from '@/app/api/v1/namespaces/[namespace]/route';
import * as nsHooksRoute from '@/app/api/v1/namespaces/[namespace]/webhooks/route';
import * as repositoryRoute from '@/app/api/v1/repositories/[namespace]/[repository]/route';
import { buildLayer } from '@/lib/scans/test-support/build-layer';
import { verifySignature } from '@/lib/webhooks/sign-payload';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { buildImage, buildMultiArch, type BuiltImage } from '../../support/images';
import { OciClient } from '../../support/oci-client';
import type { TestUser } from '../../support/registry';
import { sleep, useReceiver, waitFor } from '../webhooks/support';
import {
  DEBIAN_12_OS_RELEASE, dpkgStatus, getScan, importFixtures, npmPackage, pushLayout, scratchDir, tagParams, useScanHarness, waitForScan,
} from './support';

const h = useScanHarness();
const r = useReceiver();
let owner: TestUser;
let image: BuiltImage;

beforeAll(async () => {
  owner = await h.reg.createUser();
  await importFixtures(h.reg);
  // glibc (DSA-5514-1, no level: Unknown) and lodash (GHSA-35jh-r3h4-6jhm, High).
  image = await buildImage({
    dir: await scratchDir(h, 'push'),
    tag: 'src',
    layers: [
      {
        files: {
          'etc/os-release': DEBIAN_12_OS_RELEASE,
          'var/lib/dpkg/status': dpkgStatus([['libc6', '2.36-9+deb12u1', 'glibc']]),
          'app/node_modules/lodash/package.json': npmPackage('lodash', '4.17.20'),
        },
      },
    ],
  });
});

/** A namespace the (non-admin) owner holds, with scan on push as given, over REST. */
async function ownedNamespace(scanOnPush: boolean): Promise<string> {
  const ns = randomName('ns');
  await h.reg.app.db.namespace.create({ data: { name: ns, ownerId: owner.id } });
  const res = await callApi(h.reg, namespaceRoute.PATCH, { method: 'PATCH', path: `/api/v1/namespaces/${ns}`, params: { namespace: ns }, as: owner, body: { scanOnPush } });
  expect(res.status).toBe(200);
  expect(res.body.scanOnPush).toBe(scanOnPush);
  return ns;
}

function patchRepository(repo: string, body: unknown) {
  const { tag: _, ...params } = tagParams(repo, '');
  return callApi(h.reg, repositoryRoute.PATCH, { method: 'PATCH', path: `/api/v1/repositories/${repo}`, params, as: owner, body });
}

const scansOf = (repo: string) => h.reg.app.db.scan.findMany({ where: { repository: { name: repo } }, orderBy: { createdAt: 'asc' } });

describe('scan on push', () => {
  it('with the namespace setting on, a push to a tag queues a scan that completes', async () => {
    const repo = `${await ownedNamespace(true)}/app`;
    await pushLayout(h.reg, image.ref, repo, 'v1', { user: owner });
    // The scan row committed with the push.
    const [queued, ...more] = await scansOf(repo);
    expect(more).toEqual([]);
    expect(queued).toMatchObject({ trigger: 'push', requestedBy: owner.username, tag: 'v1', manifestDigest: image.digest });
    const done = await waitForScan(h.reg, repo, 'v1', { scanId: queued!.id });
    expect(done).toMatchObject({ status: 'succeeded', trigger: 'push', requestedBy: owner.username, counts: { critical: 0, high: 1, medium: 0, low: 0, unknown: 1 } });
  });

  it('a repository that overrides the namespace with false is not scanned; null follows the namespace again', async () => {
    const repo = `${await ownedNamespace(true)}/app`;
    await pushLayout(h.reg, image.ref, repo, 'v1', { user: owner });
    const patched = await patchRepository(repo, { scanOnPush: false });
    expect(patched.status).toBe(200);
    expect(patched.body.scanOnPush).toBe(false);
    const before = (await scansOf(repo)).length;
    await new OciClient(h.reg, owner).pushImage(repo, 'v2', { layers: [await buildLayer([{ name: 'etc/motd', content: 'v2\n' }])] });
    expect(await scansOf(repo)).toHaveLength(before);
    expect((await getScan(h.reg, h.reg.admin, repo, 'v2')).body.error.code).toBe('SCAN_UNKNOWN');

    expect((await patchRepository(repo, { scanOnPush: null })).body.scanOnPush).toBeNull();
    await new OciClient(h.reg, owner).pushImage(repo, 'v3', { layers: [await buildLayer([{ name: 'etc/motd', content: 'v3\n' }])] });
    expect((await scansOf(repo)).map((s) => s.tag)).toContain('v3');
  });

  it('a repository that overrides a namespace left off with true is scanned', async () => {
    const ns = await ownedNamespace(false);
    const repo = `${ns}/app`;
    await new OciClient(h.reg, owner).pushImage(repo, 'seed', { layers: [await buildLayer([{ name: 'etc/motd', content: 'seed\n' }])] });
    expect(await scansOf(repo)).toEqual([]);
    expect((await patchRepository(repo, { scanOnPush: true })).body.scanOnPush).toBe(true);
    await pushLayout(h.reg, image.ref, repo, 'v1', { user: owner });
    expect((await scansOf(repo)).map((s) => [s.tag, s.trigger])).toEqual([['v1', 'push']]);
    expect((await patchRepository(repo, { scanOnPush: 'yes' })).status).toBe(400);
  });

  it('an index is scanned once, through its tag, not child by child', async () => {
    const repo = `${await ownedNamespace(true)}/multi`;
    const index = await buildMultiArch({ dir: await scratchDir(h, 'push-multi'), tag: 'v1' });
    await pushLayout(h.reg, index.ref, repo, 'v1', { all: true, user: owner });
    const scans = await scansOf(repo);
    expect(scans.map((s) => [s.manifestDigest, s.tag])).toEqual([[index.digest, 'v1']]);
    const done = await waitForScan(h.reg, repo, 'v1', { scanId: scans[0]!.id });
    expect(done.platforms?.map((p) => p.platform?.architecture)).toEqual(['amd64', 'arm64']);
  });
});

describe('scan.completed webhook', () => {
  /** A namespace-wide webhook of the owner's namespace, created before anything is pushed there. */
  const createHook = (ns: string, body: Record<string, unknown>) =>
    callApi(h.reg, nsHooksRoute.POST, { method: 'POST', path: `/api/v1/namespaces/${ns}/webhooks`, params: { namespace: ns }, as: owner, body: { events: ['scan.completed'], ...body } });

  it('delivers the outcome with counts to the webhooks subscribed to it, in both formats', async () => {
    const ns = await ownedNamespace(true);
    const repo = `${ns}/hooked`;
    const path = `/scan-${randomName()}`;
    expect((await createHook(ns, { name: 'scans', url: `${r.url}${path}`, secret: 'scan-hook-secret' })).status).toBe(201);
    expect((await createHook(ns, { name: 'scans-ce', url: `${r.url}${path}-ce`, format: 'cloudevents' })).status).toBe(201);

    await pushLayout(h.reg, image.ref, repo, 'v1', { user: owner });
    const scan = await waitForScan(h.reg, repo, 'v1');
    const mine = () => r.received.filter((q) => q.path.startsWith(path));
    await waitFor(() => mine().length >= 2, 20_000, 'the scan.completed deliveries');
    await sleep(500);
    // Only scan.completed was chosen: the push itself sent nothing.
    expect(mine()).toHaveLength(2);

    const plain = mine().find((q) => q.path === path)!;
    expect(plain.headers['x-berth-event']).toBe('scan.completed');
    expect(verifySignature('scan-hook-secret', plain.body, plain.headers['x-berth-signature'] as string)).toBe(true);
    expect(JSON.parse(plain.body)).toMatchObject({
      event: 'scan.completed',
      operator: owner.username,
      repository: { fullName: repo },
      pushData: { tag: 'v1', digest: image.digest },
      scanData: { scanId: scan.id, status: 'succeeded', counts: { critical: 0, high: 1, medium: 0, low: 0, unknown: 1 }, secrets: 0, error: null },
    });
    const cloud = JSON.parse(mine().find((q) => q.path === `${path}-ce`)!.body);
    expect(cloud).toMatchObject({ type: 'io.berth.scan.completed', subject: `${repo}:v1`, data: { scanData: { scanId: scan.id, counts: { high: 1, unknown: 1 } } } });
    // The event is kept with the repository's other events, its details included.
    const event = await h.reg.app.db.webhookEvent.findFirstOrThrow({ where: { type: 'scan.completed', tag: 'v1', repositoryName: repo } });
    expect(event.details).toEqual({ scanId: scan.id, status: 'succeeded', counts: { critical: 0, high: 1, medium: 0, low: 0, unknown: 1 }, secrets: 0, error: null });
  });

  it('tells a failed scan apart, with the reason', async () => {
    const ns = await ownedNamespace(true);
    const repo = `${ns}/broken`;
    const path = `/fail-${randomName()}`;
    expect((await createHook(ns, { name: 'scans', url: `${r.url}${path}` })).status).toBe(201);
    await new OciClient(h.reg, owner).pushImage(repo, 'bad', { layers: [Buffer.from('not a layer at all\n'.repeat(40))] });
    const scan = await waitForScan(h.reg, repo, 'bad');
    expect(scan.status).toBe('failed');
    expect(scan.error).toMatch(/^layer 0 \(sha256:[0-9a-f]{12}…\) is not a valid gzip stream/);
    const req = await waitFor(() => r.received.find((q) => q.path === path), 20_000, 'the delivery of the failed scan');
    expect(JSON.parse(req.body).scanData).toEqual({ scanId: scan.id, status: 'failed', counts: null, secrets: null, error: scan.error });
  });
});
