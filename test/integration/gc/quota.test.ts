// Namespace quotas: a push past the quota is DENIED (at the blob that cannot fit, at the latest at manifest PUT) with
// the words skopeo prints; usage counts each blob once per namespace and stays exact through deletes and garbage
// collection (checked against a recount).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as namespacesRoute from '@/app/api/v1/namespaces/route';
import * as namespaceRoute from '@/app/api/v1/namespaces/[namespace]/route';
import { formatQuotaBytes } from '@/lib/quota-bytes';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { skopeoCopy } from '../../support/clients';
import { buildImage, type BuiltImage } from '../../support/images';
import { errorCode, useAdminClient } from '../../support/oci-client';
import { requireTool } from '../../support/tools';
import { useTestRegistry } from '../../support/registry';
import { useTempDirs } from '../../support/temp-dirs';
import { collect, pushImage, type Pushed } from './support';

const MiB = 1024 * 1024;
const reg = useTestRegistry({ defaultNamespaceQuotaBytes: 7 * MiB });
const c = useAdminClient(reg);
const dirs = useTempDirs();
let big: BuiltImage;
beforeAll(async () => {
  for (const tool of ['skopeo', 'umoci', 'unshare']) requireTool(tool);
  big = await buildImage({ dir: await dirs.make('berth-quota-'), tag: 'big', layers: [{ randomBytes: 3 * MiB }] });
});

async function setQuota(ns: string, quotaBytes: number | null, as = reg.admin) {
  return callApi(reg, namespaceRoute.PATCH, { method: 'PATCH', path: `/api/v1/namespaces/${ns}`, params: { namespace: ns }, as, body: { quotaBytes } });
}
async function usage(ns: string): Promise<number> {
  const res = await callApi(reg, namespaceRoute.GET, { path: `/api/v1/namespaces/${ns}`, params: { namespace: ns }, as: reg.admin });
  expect(res.status).toBe(200);
  return res.body.usageBytes;
}
/** The usage recounted from scratch: the distinct blobs of the images still there. */
function recount(images: Pushed[]): number {
  const sizes = new Map<string, number>();
  for (const img of images) for (const b of img.blobs) sizes.set(b.digest, b.size);
  return [...sizes.values()].reduce((a, b) => a + b, 0);
}

/** The bytes of the config and layers of an image in an OCI layout. */
async function imageBytes(image: BuiltImage): Promise<number> {
  const manifest = JSON.parse(await readFile(path.join(image.layout, 'blobs', 'sha256', image.digest.slice(7)), 'utf8'));
  return [manifest.config, ...manifest.layers].reduce((n: number, d: { size: number }) => n + d.size, 0);
}

describe('quota through skopeo', () => {
  it('refuses a push that does not fit with the quota and the size needed, and takes it once the quota allows', async () => {
    const ns = randomName('ns');
    await c.pushImage(`${ns}/seed`, 'x', { layers: [Buffer.alloc(0)] }); // creates the namespace (it gets the default quota)
    const seeded = await usage(ns);
    expect(await setQuota(ns, 2 * MiB)).toMatchObject({ status: 200, body: { quotaBytes: 2 * MiB } });
    const creds = { username: reg.admin.username, password: reg.admin.password };
    const res = await skopeoCopy(big.ref, `docker://${reg.host}/${ns}/app:1`, { creds });
    expect(res.code).not.toBe(0);
    const needed = formatQuotaBytes(seeded + (await imageBytes(big)));
    const printed = res.stderr.replaceAll('\\', '');
    expect(printed).toContain(`denied: namespace "${ns}" quota 2 MiB exceeded (${needed} needed)`);
    console.log(`skopeo printed: ${/denied: [^\n]*?needed\)/.exec(printed)?.[0]}`);
    expect(await usage(ns)).toBe(seeded);
    // Refused when the layer's upload was committed, not at the manifest: its bytes were never stored.
    const layout = JSON.parse(await readFile(path.join(big.layout, 'blobs', 'sha256', big.digest.slice(7)), 'utf8'));
    expect(await reg.app.db.blob.count({ where: { digest: layout.layers[0].digest } })).toBe(0);

    expect((await setQuota(ns, 10 * MiB)).status).toBe(200);
    expect((await skopeoCopy(big.ref, `docker://${reg.host}/${ns}/app:1`, { creds })).code).toBe(0);
    expect(await usage(ns)).toBe(seeded + (await imageBytes(big)));
  });
});

describe('quota usage', () => {
  it('counts each blob once per namespace, and stays exact through deletes and garbage collection', async () => {
    const ns = randomName('ns');
    const shared = randomBytes(100_000);
    const images = [
      await pushImage(c, `${ns}/a`, '1', [shared, randomBytes(50_000)]),
      await pushImage(c, `${ns}/b`, '1', [shared]),
      await pushImage(c, `${ns}/b`, '2', [shared, randomBytes(20_000)]),
    ];
    expect(await usage(ns)).toBe(recount(images));
    // Another namespace's copy of the shared layer does not count here.
    await pushImage(c, `${randomName('ns')}/x`, '1', [shared]);
    expect(await usage(ns)).toBe(recount(images));

    const gone = images.splice(2, 1)[0]!;
    expect((await c.fetch(`/v2/${gone.name}/manifests/${gone.digest}`, { method: 'DELETE' })).status).toBe(202);
    expect(await usage(ns)).toBe(recount(images));
    await collect(reg.app, { deleteUntagged: true });
    expect(await usage(ns)).toBe(recount(images));
    // Deleting a tag leaves the image (by digest) counted until a collection removes the untagged manifest.
    const untagged = images.splice(0, 1)[0]!;
    await c.fetch(`/v2/${untagged.name}/manifests/${untagged.tag}`, { method: 'DELETE' });
    expect(await usage(ns)).toBe(recount([...images, untagged]));
    await collect(reg.app, { deleteUntagged: true });
    expect(await usage(ns)).toBe(recount(images));
  });

  it('lets a push through that adds no new bytes, even over the quota', async () => {
    const ns = randomName('ns');
    const image = await pushImage(c, `${ns}/a`, '1', [randomBytes(10_000)]);
    expect((await setQuota(ns, 1000)).status).toBe(200);
    const retag = await c.fetch(`/v2/${ns}/a/manifests/again`, { method: 'PUT', body: await (await c.fetch(`/v2/${ns}/a/manifests/1`, { headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' } })).arrayBuffer(), headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' } });
    expect(retag.status).toBe(201);
    const refused = await c.fetch(`/v2/${ns}/a/manifests/2`, { method: 'PUT', body: JSON.stringify({ schemaVersion: 2 }), headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' } });
    expect(refused.status).toBe(400);
    await expect(pushImage(c, `${ns}/a`, '3', [randomBytes(10)])).rejects.toThrow(/403.*DENIED/);
    expect(await usage(ns)).toBe(recount([image]));
  });
});

describe('setting quotas', () => {
  it('new namespaces get BERTH_DEFAULT_NAMESPACE_QUOTA; only administrators change a quota; input is checked', async () => {
    const owner = await reg.createUser();
    const ns = randomName('ns');
    const created = await callApi(reg, namespacesRoute.POST, { method: 'POST', path: '/api/v1/namespaces', as: reg.admin, body: { name: ns } });
    expect(created.status).toBe(201);
    expect(created.body.quotaBytes).toBe(7 * MiB);
    // Its owner administers the namespace, but not its quota.
    await reg.app.db.namespace.update({ where: { name: ns }, data: { ownerId: owner.id } });
    expect((await callApi(reg, namespaceRoute.PATCH, { method: 'PATCH', path: '/x', params: { namespace: ns }, as: owner, body: { scanOnPush: true } })).status).toBe(200);
    const denied = await setQuota(ns, null, owner);
    expect(denied.status).toBe(403);
    expect((await setQuota(ns, -1)).status).toBe(400);
    const cleared = await setQuota(ns, null);
    expect(cleared.body).toMatchObject({ quotaBytes: null, usageBytes: 0 });
    expect(await errorCode(await c.fetch(`/v2/${ns}/a/manifests/1`))).toBe('NAME_UNKNOWN');
  });
});
