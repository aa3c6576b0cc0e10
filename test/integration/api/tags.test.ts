import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tagsRoute from '@/app/api/v1/repositories/[namespace]/[repository]/tags/route';
import * as tagRoute from '@/app/api/v1/repositories/[namespace]/[repository]/tags/[tag]/route';
import * as platformRoute from '@/app/api/v1/repositories/[namespace]/[repository]/tags/[tag]/platforms/[digest]/route';
import { callApi, fieldPaths, repoParams } from '../../support/api';
import { randomName } from '../../support/database';
import { OciClient, putManifest } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';

const reg = useTestRegistry();

type As = TestUser | null;

const listTags = (as: As, repo: string, query = '') =>
  callApi(reg, tagsRoute.GET, { path: `/api/v1/repositories/${repo}/tags?${query}`, params: repoParams(repo), as });
const getTag = (as: As, repo: string, tag: string) =>
  callApi(reg, tagRoute.GET, { path: `/api/v1/repositories/${repo}/tags/${tag}`, params: { ...repoParams(repo), tag }, as });
const getPlatform = (as: As, repo: string, tag: string, digest: string) =>
  callApi(reg, platformRoute.GET, { path: `/api/v1/repositories/${repo}/tags/${tag}/platforms/${digest}`, params: { ...repoParams(repo), tag, digest }, as });
const deleteTag = (as: As, repo: string, tag: string) =>
  callApi(reg, tagRoute.DELETE, { method: 'DELETE', path: `/api/v1/repositories/${repo}/tags/${tag}`, params: { ...repoParams(repo), tag }, as });

type Pushed = Awaited<ReturnType<OciClient['pushImage']>>;

/** Bytes of an image as the API reports it: manifest, config and layers. */
function imageSize(p: Pushed): number {
  return p.body.length + p.manifest.config.size + p.manifest.layers.reduce((n: number, l: { size: number }) => n + l.size, 0);
}

describe('tags API', () => {
  const repo = `${randomName('ns')}/tools/app`;
  let oci: OciClient;
  let v1: Pushed;
  let v2: Pushed;
  let amd: Pushed;
  let arm: Pushed;
  let index: { digest: string; body: Buffer };
  let sbom: Pushed;

  beforeAll(async () => {
    oci = new OciClient(reg, reg.admin);
    v1 = await oci.pushImage(repo, 'v1', {
      layers: [randomBytes(2048), randomBytes(512)],
      extra: { annotations: { 'org.opencontainers.image.source': 'https://example.com/app' } },
      config: {
        created: '2026-03-04T05:06:07Z',
        config: { Cmd: ['serve'], Env: ['MODE=prod'], Labels: { 'org.opencontainers.image.version': '1.2.3' } },
        history: [
          { created: '2026-03-04T05:00:00Z', created_by: '/bin/sh -c #(nop) ADD file:base in / ' },
          { created_by: 'ENV MODE=prod', empty_layer: true },
          { created_by: 'RUN /bin/sh -c make install # buildkit', comment: 'buildkit.dockerfile.v0' },
        ],
      },
    });
    v2 = await oci.pushImage(repo, 'v2', { layers: [randomBytes(4096)], mediaType: 'application/vnd.docker.distribution.manifest.v2+json' });
    amd = await oci.pushImage(repo, 'build-amd64');
    arm = await oci.pushImage(repo, 'build-arm64');
    const pushedIndex = await putManifest(oci, repo, 'multi', {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: amd.digest, size: amd.body.length, platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: arm.digest, size: arm.body.length, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ],
    });
    expect(pushedIndex.res.status).toBe(201);
    index = pushedIndex;
    sbom = await oci.pushImage(repo, 'v1-sbom', {
      extra: {
        artifactType: 'application/spdx+json',
        subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: v1.digest, size: v1.body.length },
        annotations: { 'org.example.kind': 'sbom' },
      },
    });
  });

  it('lists tags with digest, media type, size, image ID, platforms and pusher', async () => {
    const res = await listTags(reg.admin, repo);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 6, page: 1, pageSize: 20 });
    const byName = Object.fromEntries(res.body.items.map((t: { name: string }) => [t.name, t]));
    // By name: versions (v1, v2) first in version order, then other names.
    expect(res.body.items.map((t: { name: string }) => t.name)).toEqual(['v1', 'v2', 'build-amd64', 'build-arm64', 'multi', 'v1-sbom']);
    expect(byName.v1).toEqual({
      name: 'v1',
      digest: v1.digest,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      size: imageSize(v1),
      configDigest: v1.configDigest,
      platforms: [],
      // A single image's platform, from its config.
      platform: { os: 'linux', architecture: 'amd64' },
      pushedAt: expect.any(String),
      pushedBy: 'admin',
      pulls: 0,
      lastPulledAt: null,
      // No immutability rule in this namespace.
      immutable: false,
      immutableRule: null,
      // The admin may read scan reports: the tag's image was never scanned.
      scan: null,
    });
    expect(byName.v2).toMatchObject({ digest: v2.digest, mediaType: 'application/vnd.docker.distribution.manifest.v2+json', size: imageSize(v2), configDigest: v2.configDigest });
    // An index: its own bytes, its children's manifests and their blobs; platforms from its descriptors.
    const childBytes = imageSize(amd) + imageSize(arm);
    expect(byName.multi).toMatchObject({
      digest: index.digest,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      size: index.body.length + childBytes,
      configDigest: null,
      platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' }],
    });
  });

  it('filters, sorts and pages', async () => {
    const names = (body: { items: Array<{ name: string }> }) => body.items.map((t) => t.name);
    expect(names((await listTags(reg.admin, repo, 'q=V1')).body)).toEqual(['v1', 'v1-sbom']);
    expect((await listTags(reg.admin, repo, 'q=_')).body.total).toBe(0); // _ is literal
    const newest = await listTags(reg.admin, repo, 'sort=pushedAt');
    expect(names(newest.body)[0]).toBe('v1-sbom');
    expect(names(newest.body).at(-1)).toBe('v1');
    const oldest = await listTags(reg.admin, repo, 'sort=pushedAt&order=asc&pageSize=2');
    expect(names(oldest.body)).toEqual(['v1', 'v2']);
    const page2 = await listTags(reg.admin, repo, 'pageSize=4&page=2&order=desc');
    expect(names(page2.body)).toEqual(['v2', 'v1']);
    expect(page2.body.total).toBe(6);
    // By name, versions in version order and before other names; pages cut after sorting.
    const versions = `${randomName('ns')}/versions`;
    for (const tag of ['0.32.0', 'latest', '0.9.0', 'v1.10', 'v1.2', '2.0.0-rc.1', '2.0.0']) await oci.pushImage(versions, tag);
    expect(names((await listTags(reg.admin, versions, 'sort=name')).body)).toEqual(['0.9.0', '0.32.0', 'v1.2', 'v1.10', '2.0.0-rc.1', '2.0.0', 'latest']);
    const descPage = await listTags(reg.admin, versions, 'sort=name&order=desc&pageSize=3&page=2');
    expect(names(descPage.body)).toEqual(['v1.10', 'v1.2', '0.32.0']);
    expect(descPage.body.total).toBe(7);
    const bad = await listTags(reg.admin, repo, 'pageSize=101&sort=size&order=up');
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body)).toEqual(['order', 'pageSize', 'sort']);
  });

  it('details an image tag: layers, config, annotations and referrers', async () => {
    const res = await getTag(reg.admin, repo, 'v1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'v1',
      digest: v1.digest,
      size: imageSize(v1),
      configDigest: v1.configDigest,
      artifactType: null,
      subject: null,
      config: { digest: v1.configDigest, mediaType: 'application/vnd.oci.image.config.v1+json', size: v1.manifest.config.size },
      layers: v1.manifest.layers.map((l: { digest: string; size: number; mediaType: string }) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType })),
      annotations: { 'org.opencontainers.image.source': 'https://example.com/app' },
      children: [],
      referrers: [{ digest: sbom.digest, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: sbom.body.length, artifactType: 'application/spdx+json', annotations: { 'org.example.kind': 'sbom' } }],
    });
    expect(res.body.image).toMatchObject({
      os: 'linux',
      architecture: 'amd64',
      created: '2026-03-04T05:06:07Z',
      cmd: ['serve'],
      env: ['MODE=prod'],
      labels: { 'org.opencontainers.image.version': '1.2.3' },
      history: [
        { createdBy: '/bin/sh -c #(nop) ADD file:base in / ', emptyLayer: false, layerIndex: 0 },
        { createdBy: 'ENV MODE=prod', emptyLayer: true, layerIndex: null },
        { createdBy: 'RUN /bin/sh -c make install # buildkit', comment: 'buildkit.dockerfile.v0', emptyLayer: false, layerIndex: 1 },
      ],
    });
    const referrer = await getTag(reg.admin, repo, 'v1-sbom');
    expect(referrer.body).toMatchObject({ subject: v1.digest, artifactType: 'application/spdx+json' });
  });

  it('details an index tag with its children and their platforms', async () => {
    const res = await getTag(reg.admin, repo, 'multi');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ config: null, image: null, layers: [], referrers: [] });
    expect(res.body.children).toEqual([
      // size: the descriptor's (the child manifest's bytes); imageSize: what pulling that platform transfers.
      { digest: amd.digest, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: amd.body.length, imageSize: imageSize(amd), platform: { os: 'linux', architecture: 'amd64' } },
      { digest: arm.digest, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: arm.body.length, imageSize: imageSize(arm), platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    ]);
    expect((await getTag(reg.admin, repo, 'nope')).status).toBe(404);
    expect((await getTag(reg.admin, repo, '-invalid')).status).toBe(404);
  });

  it('opens one platform of an index tag, and only a platform the index lists', async () => {
    const res = await getPlatform(reg.admin, repo, 'multi', arm.digest);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'multi',
      digest: arm.digest,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      size: imageSize(arm),
      configDigest: arm.configDigest,
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      children: [],
      config: { digest: arm.configDigest },
    });
    expect(res.body.layers).toHaveLength(arm.manifest.layers.length);
    // v1's digest is stored here but is no platform of `multi`; v1 is no index; garbage is no digest.
    expect((await getPlatform(reg.admin, repo, 'multi', v1.digest)).status).toBe(404);
    expect((await getPlatform(reg.admin, repo, 'v1', v1.digest)).status).toBe(404);
    expect((await getPlatform(reg.admin, repo, 'multi', 'sha256:nope')).status).toBe(404);
    const user = await reg.createUser();
    expect((await getPlatform(user, repo, 'multi', arm.digest)).body).toEqual((await getPlatform(user, `${repo}-missing`, 'multi', arm.digest)).body);
  });

  it('hides tags of a private repository exactly like a missing repository', async () => {
    const user = await reg.createUser();
    const missingRepo = `${repo.split('/')[0]}/nothing`;
    const hidden = await listTags(user, repo);
    const missing = await listTags(user, missingRepo);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect(await getTag(user, repo, 'v1')).toMatchObject({ status: 404, body: missing.body });
    expect(await getTag(null, repo, 'v1')).toMatchObject({ status: 404, body: missing.body });
    expect(await deleteTag(user, repo, 'v1')).toMatchObject({ status: 404, body: missing.body });
    expect((await deleteTag(null, repo, 'v1')).status).toBe(401);
  });

  it('lets readers list and get tags but not delete them; public repositories serve anonymous callers', async () => {
    const pub = `${randomName('ns')}/pub`;
    await oci.pushImage(pub, 'latest');
    await reg.app.db.repository.update({ where: { name: pub }, data: { visibility: 'PUBLIC' } });
    expect((await listTags(null, pub)).body.items.map((t: { name: string }) => t.name)).toEqual(['latest']);
    expect((await getTag(null, pub, 'latest')).status).toBe(200);
    const reader = await reg.createUser();
    const refused = await deleteTag(reader, pub, 'latest');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
  });

  it('deletes only the tag: the manifest stays, by digest and under its other tags', async () => {
    const r = `${randomName('ns')}/app`;
    const pushed = await oci.pushImage(r, 'one');
    const again = await oci.fetch(`/v2/${r}/manifests/two`, { method: 'PUT', body: pushed.body, headers: { 'Content-Type': pushed.manifest.mediaType } });
    expect(again.status).toBe(201);
    const deleted = await deleteTag(reg.admin, r, 'one');
    expect(deleted.status).toBe(204);
    expect((await getTag(reg.admin, r, 'one')).status).toBe(404);
    expect((await deleteTag(reg.admin, r, 'one')).status).toBe(404);
    expect((await listTags(reg.admin, r)).body.items.map((t: { name: string }) => t.name)).toEqual(['two']);
    expect((await oci.fetch(`/v2/${r}/manifests/${pushed.digest}`)).status).toBe(200);
    expect((await oci.fetch(`/v2/${r}/manifests/one`)).status).toBe(404);
    const audit = await reg.app.db.auditEvent.findFirst({ where: { action: 'cr:DeleteTag', resource: `repository/${r}`, via: 'api' } });
    expect(audit?.detail).toEqual({ reference: 'one' });
  });
});
