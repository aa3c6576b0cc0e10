// A scan's life beyond the happy path: corrupt and incomplete images fail with a reason (and the worker goes on), a
// request while a scan is under way answers that scan, a re-scan after a data import sees the new advisories, a scan
// the request never enqueued is picked up by the sweeper, and a scan cut short (its worker died) runs again from the
// start. Images are pushed over the registry protocol with the OCI client, which lets a layer's bytes contradict its
// declared media type while its digest still matches.
import { beforeAll, describe, expect, it } from 'vitest';
import * as openapiRoute from '@/app/api/v1/openapi.json/route';
import { PERIODIC_TASKS } from '@/lib/jobs/all-jobs';
import { buildLayer } from '@/lib/scans/test-support/build-layer';
import { createScanRow } from '@/lib/services/scans/create-scan-row';
import { enqueueScans } from '@/lib/services/scans/enqueue-scan-jobs';
import { sweepScanOutbox } from '@/lib/services/scans/sweep-scan-outbox';
import { blobKey } from '@/lib/storage/keys';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import { waitFor } from '../webhooks/support';
import {
  DEBIAN_12_OS_RELEASE, dpkgStatus, findings, getScan, importFixtures, pythonMetadata, requestScan, scanAndWait, SITE, useScanHarness,
  waitForScan,
} from './support';

const h = useScanHarness();
let oci: OciClient;
// Every fixture record but the one for `requests`, which the re-scan test imports later.
const INITIAL = ['ALPINE-CVE-2023-5363', 'DEBIAN-CVE-2024-6387', 'DSA-5514-1', 'GHSA-35jh-r3h4-6jhm', 'GHSA-g4mx-q9vg-27p4', 'GHSA-jfh8-c2jp-5v3q', 'GHSA-xvch-5gv4-984h'];

beforeAll(async () => {
  oci = new OciClient(h.reg, h.reg.admin);
  await importFixtures(h.reg, INITIAL);
});

const newRepo = () => `${randomName('ns')}/${randomName('app')}`;

/** A gzip layer with a Debian 12 base whose glibc DSA-5514-1 names. */
const debianLayer = () =>
  buildLayer([
    { name: 'etc/os-release', content: DEBIAN_12_OS_RELEASE },
    { name: 'var/lib/dpkg/status', content: dpkgStatus([['libc6', '2.36-9+deb12u1', 'glibc']]) },
  ]);

describe('failures', () => {
  it('fails a scan whose layer is not the gzip stream its media type declares, without a retry, and keeps working', async () => {
    const repo = newRepo();
    const notGzip = Buffer.from('this layer says tar+gzip, but it is only text\n'.repeat(64));
    const pushed = await oci.pushImage(repo, 'broken', { layers: [await debianLayer(), notGzip] });
    const badDigest = pushed.manifest.layers[1]!.digest;
    const failed = await scanAndWait(h.reg, repo, 'broken');
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe(`layer 1 (${badDigest.slice(0, 'sha256:'.length + 12)}…) is not a valid gzip stream (the manifest declares application/vnd.oci.image.layer.v1.tar+gzip)`);
    expect(failed).toMatchObject({ counts: null, secrets: null, platforms: null });
    expect(failed.progress.layersTotal).toBe(2);
    // A corrupt image is not retried: the job completes after its first run (pg-boss marks it just after the result
    // commits, hence the wait).
    const job = await waitFor(async () => {
      const [row] = await h.reg.app.db.$queryRaw<Array<{ state: string; retry_count: number }>>`
        SELECT state::text, retry_count FROM pgboss.job WHERE name = 'scan-image' AND id = ${failed.id}::uuid`;
      return row && row.state !== 'active' ? row : null;
    }, 10_000, 'the scan job to leave the active state');
    expect(job).toEqual({ state: 'completed', retry_count: 0 });

    // The worker goes on with the next scan.
    await oci.pushImage(repo, 'good', { layers: [await debianLayer()] });
    const ok = await scanAndWait(h.reg, repo, 'good');
    expect(ok.status).toBe('succeeded');
    expect(findings(ok).map((f) => f.id)).toEqual(['DSA-5514-1']);
  });

  it('fails a scan whose layer blob is missing from storage', async () => {
    const repo = newRepo();
    const pushed = await oci.pushImage(repo, 'v1', { layers: [await debianLayer()] });
    const layer = pushed.manifest.layers[0]!.digest;
    await h.reg.app.storage.delete(blobKey(layer));
    const failed = await scanAndWait(h.reg, repo, 'v1');
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe(`layer 0 (${layer.slice(0, 19)}…) could not be read: the blob is missing from storage`);
  });

  it('answers NOT_FOUND for an unknown tag and SCAN_UNKNOWN for an image never scanned', async () => {
    const repo = newRepo();
    await oci.pushImage(repo, 'v1', { layers: [await debianLayer()] });
    const unknownTag = await getScan(h.reg, h.reg.admin, repo, 'nope');
    expect(unknownTag.status).toBe(404);
    expect(unknownTag.body.error).toEqual({ code: 'NOT_FOUND', message: 'tag not found' });
    expect((await requestScan(h.reg, h.reg.admin, repo, 'nope')).body.error.code).toBe('NOT_FOUND');
    const notScanned = await getScan(h.reg, h.reg.admin, repo, 'v1');
    expect(notScanned.status).toBe(404);
    expect(notScanned.body.error.code).toBe('SCAN_UNKNOWN');
    expect(notScanned.body.error.message).toMatch(/has not been scanned/);
  });
});

describe('requests and reports', () => {
  it('answers the scan under way instead of queueing a second one', async () => {
    const repo = newRepo();
    const pushed = await oci.pushImage(repo, 'v1', { layers: [await debianLayer()] });
    const repository = await h.reg.app.db.repository.findUniqueOrThrow({ where: { name: repo } });
    // A scan some worker is running now (its job is not ours to finish here).
    const running = await h.reg.app.db.scan.create({
      data: { repositoryId: repository.id, manifestDigest: pushed.digest, tag: 'v1', trigger: 'push', requestedBy: 'someone', status: 'running', enqueuedAt: new Date() },
    });
    const res = await requestScan(h.reg, h.reg.admin, repo, 'v1');
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: running.id, status: 'running', trigger: 'push', requestedBy: 'someone', manifestDigest: pushed.digest });
    expect(await h.reg.app.db.scan.count({ where: { repositoryId: repository.id } })).toBe(1);
    await h.reg.app.db.scan.update({ where: { id: running.id }, data: { status: 'failed', error: 'test over' } });
  });

  it('a scan queued through the API answers its queued state, then its report with the data import it used', async () => {
    const repo = newRepo();
    await oci.pushImage(repo, 'v1', {
      layers: [
        await buildLayer([
          { name: `${SITE}/requests-2.25.1.dist-info/METADATA`, content: pythonMetadata('requests', '2.25.1') },
          { name: `${SITE}/urllib3-1.26.5.dist-info/METADATA`, content: pythonMetadata('urllib3', '1.26.5') },
        ]),
      ],
    });
    const queued = await requestScan(h.reg, h.reg.admin, repo, 'v1');
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: 'queued', trigger: 'manual', requestedBy: 'admin', tag: 'v1', counts: null, platforms: null, startedAt: null });
    const first = await waitForScan(h.reg, repo, 'v1', { scanId: queued.body.id });
    expect(findings(first).map((f) => f.id)).toEqual(['GHSA-g4mx-q9vg-27p4']);

    // The advisory for requests arrives with a later import; a new scan of the same image reports it.
    await importFixtures(h.reg, ['GHSA-j8r2-6x86-q33q']);
    const second = await scanAndWait(h.reg, repo, 'v1');
    expect(second.id).not.toBe(first.id);
    expect(findings(second).map((f) => f.id)).toEqual(['GHSA-g4mx-q9vg-27p4', 'GHSA-j8r2-6x86-q33q']);
    expect(second.counts).toEqual({ critical: 0, high: 0, medium: 2, low: 0, unknown: 0 });
    expect(Date.parse(second.dataUpdatedAt!)).toBeGreaterThan(Date.parse(first.dataUpdatedAt!));
    // GET answers the newest scan of the tag's image.
    expect((await getScan(h.reg, h.reg.admin, repo, 'v1')).body.id).toBe(second.id);
  });
});

describe('durability', () => {
  it('the sweeper queues a scan that committed but was never enqueued', async () => {
    expect(PERIODIC_TASKS.map((t) => t.name)).toContain('scan-outbox-sweep');
    const repo = newRepo();
    const pushed = await oci.pushImage(repo, 'v1', { layers: [await debianLayer()] });
    const repository = await h.reg.app.db.repository.findUniqueOrThrow({ where: { name: repo } });
    // As if the process died between the commit and the enqueue.
    const { scan } = await h.reg.app.db.$transaction((tx) =>
      createScanRow(tx, { repositoryId: repository.id, manifestDigest: pushed.digest, tag: 'v1', trigger: 'manual', requestedBy: 'admin' }),
    );
    await h.reg.app.db.scan.update({ where: { id: scan.id }, data: { createdAt: new Date(Date.now() - 60_000) } });
    await sweepScanOutbox(h.reg.app);
    expect((await h.reg.app.db.scan.findUniqueOrThrow({ where: { id: scan.id } })).enqueuedAt).not.toBeNull();
    const done = await waitForScan(h.reg, repo, 'v1', { scanId: scan.id });
    expect(done.status).toBe('succeeded');
  });

  it('a scan whose run was cut short runs again from the start', async () => {
    const repo = newRepo();
    const pushed = await oci.pushImage(repo, 'v1', { layers: [await debianLayer(), await buildLayer([{ name: 'etc/motd', content: 'hello\n' }])] });
    const repository = await h.reg.app.db.repository.findUniqueOrThrow({ where: { name: repo } });
    // What a worker that died half-way leaves behind: running, some progress, no result. The queue retries its job.
    const stale = await h.reg.app.db.scan.create({
      data: {
        repositoryId: repository.id, manifestDigest: pushed.digest, tag: 'v1', trigger: 'manual', requestedBy: 'admin',
        status: 'running', startedAt: new Date(Date.now() - 3_600_000), layersTotal: 2, layersDone: 1,
      },
    });
    expect(await enqueueScans(h.reg.app, [stale.id])).toBe(true);
    const done = await waitForScan(h.reg, repo, 'v1', { scanId: stale.id });
    expect(done.status).toBe('succeeded');
    expect(done.progress).toEqual({ layersDone: 2, layersTotal: 2 });
    expect(Date.parse(done.startedAt!)).toBeGreaterThan(stale.startedAt!.getTime());
    expect(findings(done).map((f) => f.id)).toEqual(['DSA-5514-1']);
  });
});

describe('OpenAPI', () => {
  it('documents the scan operations, the scan badge of the tags list and the scan-on-push settings', async () => {
    const doc = await (openapiRoute.GET() as Response).json();
    const repo = '/api/v1/repositories/{namespace}/{repository}';
    const scan = doc.paths[`${repo}/tags/{tag}/scan`];
    expect(Object.keys(scan).sort()).toEqual(['get', 'post']);
    expect(scan.post.description).toContain('cr:ScanImage');
    expect(scan.get.description).toContain('cr:GetScanReport');
    expect(Object.keys(scan.post.responses)).toContain('202');
    expect(scan.get.responses['200'].content['application/json'].schema.properties.platforms).toBeTruthy();
    const tags = doc.paths[`${repo}/tags`].get.responses['200'].content['application/json'].schema;
    expect(tags.properties.items.items.properties.scan).toBeTruthy();
    expect(doc.paths[repo].patch.requestBody.content['application/json'].schema.properties.scanOnPush).toBeTruthy();
    expect(doc.paths['/api/v1/namespaces/{namespace}'].patch.requestBody.content['application/json'].schema.properties.scanOnPush).toBeTruthy();
  });
});
