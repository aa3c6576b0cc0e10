// Promotion: a server-side copy of an index with its children and referrers to another namespace, without a byte
// re-uploaded; the target's immutability and quota apply; audited; image.pushed at the target.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as copyRoute from '@/app/api/v1/repositories/[namespace]/[repository]/tags/[tag]/copy/route';
import * as nsRulesRoute from '@/app/api/v1/namespaces/[namespace]/immutability-rules/route';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { sha256, useAdminClient } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';
import { OCI_INDEX, OCI_MANIFEST, pullProblems, pushImage, type Pushed } from './support';

const reg = useTestRegistry();
const c = useAdminClient(reg);

function copy(from: string, tag: string, body: unknown, as: TestUser = reg.admin) {
  const [namespace, repository] = from.split('/') as [string, string];
  return callApi(reg, copyRoute.POST, { method: 'POST', path: `/api/v1/repositories/${from}/tags/${tag}/copy`, params: { namespace, repository, tag }, as, body });
}

/** An index by tag `tag` over two images pushed by digest, and an SBOM referring to the index. */
async function pushIndexWithReferrer(name: string, tag: string) {
  const children: Pushed[] = [];
  const descriptors = [];
  for (const arch of ['amd64', 'arm64']) {
    const img = await pushImage(c, name, `tmp-${arch}`, [randomBytes(2000)]);
    const size = (await (await c.fetch(`/v2/${name}/manifests/${img.digest}`, { headers: { Accept: OCI_MANIFEST } })).arrayBuffer()).byteLength;
    await c.fetch(`/v2/${name}/manifests/tmp-${arch}`, { method: 'DELETE' });
    children.push(img);
    descriptors.push({ mediaType: OCI_MANIFEST, digest: img.digest, size, platform: { architecture: arch, os: 'linux' } });
  }
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: descriptors }));
  expect((await c.fetch(`/v2/${name}/manifests/${tag}`, { method: 'PUT', body: index, headers: { 'Content-Type': OCI_INDEX } })).status).toBe(201);
  const subject = { mediaType: OCI_INDEX, digest: sha256(index), size: index.length };
  const sbom = await pushImage(c, name, 'sbom', [randomBytes(100)], { subject, artifactType: 'application/x.sbom' });
  await c.fetch(`/v2/${name}/manifests/sbom`, { method: 'DELETE' });
  return { digest: sha256(index), children, sbom };
}

describe('copy / promote a tag', () => {
  it('copies an index with its children and referrers to another namespace, linking blobs without uploading them', async () => {
    const src = `${randomName('dev')}/app`;
    const dst = `${randomName('prod')}/app`;
    const image = await pushIndexWithReferrer(src, '1.4');
    const blobFiles = await reg.app.db.blob.count();
    const res = await copy(src, '1.4', { to: `${dst}:1.4`, withReferrers: true });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ from: `${src}:1.4`, to: `${dst}:1.4`, digest: image.digest, manifests: 4, blobs: 6 });
    expect(await reg.app.db.blob.count()).toBe(blobFiles);

    const head = await c.fetch(`/v2/${dst}/manifests/1.4`, { method: 'HEAD', headers: { Accept: OCI_INDEX } });
    expect(head.headers.get('docker-content-digest')).toBe(image.digest);
    for (const child of image.children) expect(await pullProblems(c, { ...child, name: dst, tag: child.digest })).toEqual([]);
    expect(await pullProblems(c, { ...image.sbom, name: dst, tag: image.sbom.digest })).toEqual([]);
    const referrers = await (await c.fetch(`/v2/${dst}/referrers/${image.digest}`)).json();
    expect(referrers.manifests.map((m: { digest: string }) => m.digest)).toEqual([image.sbom.digest]);

    const repo = await reg.app.db.repository.findUniqueOrThrow({ where: { name: dst } });
    const events = await reg.app.db.webhookEvent.findMany({ where: { repositoryId: repo.id, type: 'image.pushed' } });
    expect(events.map((e) => [e.tag, e.digest])).toEqual([['1.4', image.digest]]);
    const audit = await reg.app.db.auditEvent.findFirst({ where: { resource: `repository/${dst}`, action: 'cr:PushRepository', detail: { path: ['op'], equals: 'copy' } } });
    expect(audit?.detail).toMatchObject({ from: `${src}:1.4`, to: `${dst}:1.4`, digest: image.digest });

    // Without referrers: the index and children only.
    const plain = await copy(src, '1.4', { to: `${dst}:plain` });
    expect(plain.body).toMatchObject({ manifests: 3 });
  });

  it("honours the target's immutable tags and quota", async () => {
    const src = `${randomName('dev')}/app`;
    const ns = randomName('prod');
    const one = await pushImage(c, src, 'one', [randomBytes(5000)]);
    await pushImage(c, src, 'two', [randomBytes(5000)]);
    expect((await copy(src, 'one', { to: `${ns}/app:v1` })).status).toBe(201);
    const rule = await callApi(reg, nsRulesRoute.POST, { method: 'POST', path: '/x', params: { namespace: ns }, as: reg.admin, body: { name: 'releases', pattern: 'v.*' } });
    expect(rule.status).toBe(201);
    const moved = await copy(src, 'two', { to: `${ns}/app:v1` });
    expect(moved.status).toBe(403);
    expect(moved.body.error.message).toBe('tag "v1" is immutable (rule "releases")');
    // The same image again is no move.
    expect((await copy(src, 'one', { to: `${ns}/app:v1` })).status).toBe(201);

    await reg.app.db.namespace.update({ where: { name: ns }, data: { quotaBytes: BigInt(one.blobs.reduce((n, b) => n + b.size, 0)) } });
    const over = await copy(src, 'two', { to: `${ns}/app:other` });
    expect(over.status).toBe(403);
    expect(over.body.error.message).toMatch(new RegExp(`^namespace "${ns}" quota [0-9.]+ KiB exceeded \\([0-9.]+ KiB needed\\)$`));
  });

  it('needs pull on the source and push on the target; validates the target', async () => {
    const src = `${randomName('dev')}/app`;
    await pushImage(c, src, 'x', [randomBytes(10)]);
    const reader = await reg.createUser();
    const stranger = await reg.createUser();
    const repo = await reg.app.db.repository.findUniqueOrThrow({ where: { name: src } });
    await reg.app.db.repositoryPermission.create({ data: { repositoryId: repo.id, userId: reader.id, level: 'READ' } });
    expect((await copy(src, 'x', { to: `${randomName('ns')}/app:x` }, stranger)).status).toBe(404);
    expect((await copy(src, 'x', { to: `${src}:y` }, reader)).status).toBe(403);
    expect((await copy(src, 'missing', { to: `${src}:y` })).status).toBe(404);
    for (const to of ['noTag', 'Bad Name:x', `${src}:bad tag`]) {
      const res = await copy(src, 'x', { to });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields[0].path).toBe('to');
    }
  });
});
