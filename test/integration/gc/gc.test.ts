// Garbage collection: exactly the unreferenced blobs go (from storage and the database), untagged manifests when
// asked, with indexes, referrers and the grace period respected; the REST API and its permissions.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as gcRoute from '@/app/api/v1/gc/route';
import * as runRoute from '@/app/api/v1/gc/runs/[id]/route';
import * as runsRoute from '@/app/api/v1/gc/runs/route';
import { startJobs, type RunningJobs } from '@/lib/jobs/start-jobs';
import { callApi } from '../../support/api';
import { putManifestByDigest, randomRepo, sha256, useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';
import { OCI_INDEX, OCI_MANIFEST, blobFileExists, collect, pullProblems, pushImage } from './support';

const reg = useTestRegistry({ jobPollSeconds: 0.5 });
const c = useAdminClient(reg);

const blobCount = async (digest: string) => reg.app.db.blob.count({ where: { digest } });

describe('garbage collection of blobs', () => {
  it('frees exactly the blobs no manifest references: shared layers survive, files go, bytes are counted', async () => {
    const a = randomRepo();
    const b = randomRepo();
    const shared = randomBytes(3000);
    const onlyOld = randomBytes(5000);
    const imageOld = await pushImage(c, a, 'old', [shared, onlyOld]);
    const imageNew = await pushImage(c, a, 'new', [shared, randomBytes(700)]);
    const elsewhere = await pushImage(c, b, 'v1', [shared]);
    const del = await c.fetch(`/v2/${a}/manifests/${imageOld.digest}`, { method: 'DELETE' });
    expect(del.status).toBe(202);

    const run = await collect(reg.app);
    expect(run.status).toBe('succeeded');
    // The old image's own config and layer, nothing else: the tests before collect their own garbage, so the
    // counts are exact.
    const gone = imageOld.blobs.filter((x) => x.digest !== sha256(shared));
    expect(run.blobsDeleted).toBe(gone.length);
    expect(run.bytesFreed).toBe(gone.reduce((n, x) => n + x.size, 0));
    for (const x of gone) {
      expect(blobFileExists(reg, x.digest)).toBe(false);
      expect(await blobCount(x.digest)).toBe(0);
    }
    expect(blobFileExists(reg, sha256(shared))).toBe(true);
    expect(await pullProblems(c, imageNew)).toEqual([]);
    expect(await pullProblems(c, elsewhere)).toEqual([]);
    // The deleted image's blobs are no longer readable in its repository.
    expect((await c.fetch(`/v2/${a}/blobs/${gone[0]!.digest}`, { method: 'HEAD' })).status).toBe(404);

    const again = await collect(reg.app);
    expect(again).toMatchObject({ status: 'succeeded', blobsDeleted: 0, bytesFreed: 0 });
  });

  it('keeps blobs newer than the grace period, and a dry run deletes nothing but counts the same', async () => {
    const name = randomRepo();
    const image = await pushImage(c, name, 'x', [randomBytes(1234)]);
    await c.fetch(`/v2/${name}/manifests/${image.digest}`, { method: 'DELETE' });
    const graced = await collect(reg.app, { gracePeriodSeconds: 3600 });
    expect(graced.blobsDeleted).toBe(0);
    for (const x of image.blobs) expect(blobFileExists(reg, x.digest)).toBe(true);

    const dry = await collect(reg.app, { dryRun: true });
    expect(dry).toMatchObject({ status: 'succeeded', dryRun: true, blobsDeleted: 2, bytesFreed: image.blobs[0]!.size + 1234 });
    for (const x of image.blobs) expect(blobFileExists(reg, x.digest)).toBe(true);
    const real = await collect(reg.app);
    expect(real).toMatchObject({ blobsDeleted: dry.blobsDeleted, bytesFreed: dry.bytesFreed });
    for (const x of image.blobs) expect(blobFileExists(reg, x.digest)).toBe(false);
  });

  it('removes blob files that no database row records', async () => {
    const bytes = randomBytes(99);
    const digest = sha256(bytes);
    await reg.app.storage.write(`blobs/sha256/${digest.slice(7, 9)}/${digest.slice(7)}`, (async function* () { yield bytes; })());
    expect(blobFileExists(reg, digest)).toBe(true);
    const run = await collect(reg.app);
    expect(run.blobsDeleted).toBe(1);
    expect(run.bytesFreed).toBe(99);
    expect(blobFileExists(reg, digest)).toBe(false);
  });
});

describe('garbage collection of untagged manifests', () => {
  it('deletes untagged manifests nothing reaches, keeping index children and referrers of kept images', async () => {
    const name = randomRepo();
    const tagged = await pushImage(c, name, 'keep', [randomBytes(400)]);
    // An index by tag over two children pushed by digest: the children stay.
    const children = [await pushImage(c, name, 'child-a', [randomBytes(300)]), await pushImage(c, name, 'child-b', [randomBytes(300)])];
    for (const child of children) await c.fetch(`/v2/${name}/manifests/${child.tag}`, { method: 'DELETE' });
    const index = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] as object[] };
    for (const child of children) {
      const res = await c.fetch(`/v2/${name}/manifests/${child.digest}`, { headers: { Accept: OCI_MANIFEST } });
      const body = Buffer.from(await res.arrayBuffer());
      index.manifests.push({ mediaType: OCI_MANIFEST, digest: child.digest, size: body.length, platform: { architecture: 'amd64', os: 'linux' } });
    }
    const indexPut = await c.fetch(`/v2/${name}/manifests/multi`, { method: 'PUT', body: JSON.stringify(index), headers: { 'Content-Type': OCI_INDEX } });
    expect(indexPut.status).toBe(201);
    // An untagged image, with a referrer: both go. A referrer of the tagged image stays.
    const orphan = await pushImage(c, name, 'orphan', [randomBytes(500)]);
    await c.fetch(`/v2/${name}/manifests/orphan`, { method: 'DELETE' });
    const subjectOf = async (img: { digest: string }) => {
      const res = await c.fetch(`/v2/${name}/manifests/${img.digest}`, { headers: { Accept: OCI_MANIFEST } });
      return { mediaType: OCI_MANIFEST, digest: img.digest, size: (await res.arrayBuffer()).byteLength };
    };
    const orphanSbom = await pushImage(c, name, 'sbom-orphan', [randomBytes(50)], { subject: await subjectOf(orphan), artifactType: 'application/x.sbom' });
    await c.fetch(`/v2/${name}/manifests/sbom-orphan`, { method: 'DELETE' });
    const keptSbom = await pushImage(c, name, 'sbom-keep', [randomBytes(50)], { subject: await subjectOf(tagged), artifactType: 'application/x.sbom' });
    await c.fetch(`/v2/${name}/manifests/sbom-keep`, { method: 'DELETE' });

    const manifestExists = async (digest: string) => (await c.fetch(`/v2/${name}/manifests/${digest}`, { method: 'HEAD', headers: { Accept: `${OCI_MANIFEST}, ${OCI_INDEX}` } })).status === 200;
    const graced = await collect(reg.app, { deleteUntagged: true, gracePeriodSeconds: 3600 });
    expect(graced.manifestsDeleted).toBe(0);
    expect(await manifestExists(orphan.digest)).toBe(true);

    const dry = await collect(reg.app, { deleteUntagged: true, dryRun: true });
    const run = await collect(reg.app, { deleteUntagged: true });
    expect(run.manifestsDeleted).toBe(2);
    expect(dry.manifestsDeleted).toBe(2);
    expect(dry.blobsDeleted).toBe(run.blobsDeleted);
    expect(dry.bytesFreed).toBe(run.bytesFreed);
    expect(await manifestExists(orphan.digest)).toBe(false);
    expect(await manifestExists(orphanSbom.digest)).toBe(false);
    for (const x of [...orphan.blobs, ...orphanSbom.blobs]) expect(blobFileExists(reg, x.digest)).toBe(false);
    expect(await manifestExists(keptSbom.digest)).toBe(true);
    for (const child of children) expect(await manifestExists(child.digest)).toBe(true);
    for (const img of [tagged, ...children.map((ch) => ({ ...ch, tag: ch.digest }))]) expect(await pullProblems(c, img)).toEqual([]);
    const referrers = await (await c.fetch(`/v2/${name}/referrers/${tagged.digest}`)).json();
    expect(referrers.manifests.map((m: { digest: string }) => m.digest)).toEqual([keptSbom.digest]);
  });

  it('deleting an untagged index frees its children too', async () => {
    const name = randomRepo();
    const child = await pushImage(c, name, 'c', [randomBytes(200)]);
    await c.fetch(`/v2/${name}/manifests/c`, { method: 'DELETE' });
    const size = (await (await c.fetch(`/v2/${name}/manifests/${child.digest}`, { headers: { Accept: OCI_MANIFEST } })).arrayBuffer()).byteLength;
    const { res } = await putManifestByDigest(c, name, { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_MANIFEST, digest: child.digest, size }] });
    expect(res.status).toBe(201);
    const run = await collect(reg.app, { deleteUntagged: true });
    expect(run.manifestsDeleted).toBe(2);
    for (const x of child.blobs) expect(blobFileExists(reg, x.digest)).toBe(false);
  });
});

describe('REST API', () => {
  let jobs: RunningJobs;
  beforeAll(async () => {
    jobs = await startJobs(reg.app, { url: reg.app.config.databaseUrl!, work: true, log: () => {} });
  });
  afterAll(() => jobs?.stop());

  it('POST /api/v1/gc answers 202 with the queued run, which a worker runs to the end', async () => {
    const name = randomRepo();
    const image = await pushImage(c, name, 'x', [randomBytes(321)]);
    await c.fetch(`/v2/${name}/manifests/x`, { method: 'DELETE' });
    const res = await callApi(reg, gcRoute.POST, { method: 'POST', path: '/api/v1/gc', as: reg.admin, body: { deleteUntagged: true, gracePeriodSeconds: 0, dryRun: false } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued', trigger: 'manual', requestedBy: 'admin', deleteUntagged: true, gracePeriodSeconds: 0 });
    let run = res.body;
    for (let i = 0; i < 200 && (run.status === 'queued' || run.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await callApi(reg, runRoute.GET, { path: `/api/v1/gc/runs/${res.body.id}`, params: { id: res.body.id }, as: reg.admin })).body;
    }
    expect(run.status).toBe('succeeded');
    expect(run.manifestsDeleted).toBeGreaterThanOrEqual(1);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    for (const x of image.blobs) expect(blobFileExists(reg, x.digest)).toBe(false);
    const list = await callApi(reg, runsRoute.GET, { path: '/api/v1/gc/runs', as: reg.admin });
    expect(list.status).toBe(200);
    expect(list.body.schedule).toBe('0 3 * * *');
    expect(list.body.runs[0].id).toBe(res.body.id);
  });

  it('refuses other users, validates the body, and answers 404 for an unknown run', async () => {
    const user = await reg.createUser();
    expect((await callApi(reg, gcRoute.POST, { method: 'POST', path: '/api/v1/gc', as: user, body: {} })).status).toBe(403);
    expect((await callApi(reg, runsRoute.GET, { path: '/api/v1/gc/runs', as: user })).status).toBe(403);
    expect((await callApi(reg, gcRoute.POST, { method: 'POST', path: '/api/v1/gc', as: null, body: {} })).status).toBe(401);
    const bad = await callApi(reg, gcRoute.POST, { method: 'POST', path: '/api/v1/gc', as: reg.admin, body: { gracePeriodSeconds: -1, extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    for (const id of ['nope', '00000000-0000-0000-0000-000000000000']) {
      expect((await callApi(reg, runRoute.GET, { path: `/api/v1/gc/runs/${id}`, params: { id }, as: reg.admin })).status).toBe(404);
    }
  });
});
