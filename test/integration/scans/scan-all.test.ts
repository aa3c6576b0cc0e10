// "Scan all" for a repository or a namespace (repository admins), and the automatic rescan of images in use after an
// import changes the vulnerability data. No worker runs here: the scans stay queued, which is what is checked.
import { describe, expect, it } from 'vitest';
import * as namespaceScansRoute from '@/app/api/v1/namespaces/[namespace]/scans/route';
import * as permissionRoute from '@/app/api/v1/repositories/[namespace]/[repository]/permissions/[username]/route';
import * as repositoryScansRoute from '@/app/api/v1/repositories/[namespace]/[repository]/scans/route';
import { rescanRecentImages } from '@/lib/services/scans/rescan-recent-images';
import { callApi, repoParams } from '../../support/api';
import { randomName } from '../../support/database';
import { useAdminClient } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';
import { importFixtures } from './support';

const reg = useTestRegistry();
const oci = useAdminClient(reg);

const scanRepository = (as: TestUser | null, repo: string) =>
  callApi(reg, repositoryScansRoute.POST, { method: 'POST', path: `/api/v1/repositories/${repo}/scans`, params: repoParams(repo), as });
const scanNamespace = (as: TestUser | null, ns: string) =>
  callApi(reg, namespaceScansRoute.POST, { method: 'POST', path: `/api/v1/namespaces/${ns}/scans`, params: { namespace: ns }, as });
const grant = (repo: string, user: TestUser, level: 'read' | 'write' | 'admin') =>
  callApi(reg, permissionRoute.PUT, { method: 'PUT', path: `/api/v1/repositories/${repo}/permissions/${user.username}`, params: { ...repoParams(repo), username: user.username }, as: reg.admin, body: { level } });

const queuedScans = (repo: string) =>
  reg.app.db.scan.findMany({ where: { repository: { name: repo }, status: 'queued' }, select: { manifestDigest: true, tag: true, trigger: true, requestedBy: true } });

describe('Scan all', () => {
  it('queues one scan per tagged image of a repository, skipping artifacts and images already being scanned', async () => {
    const repo = `${randomName('ns')}/app`;
    const v1 = await oci.pushImage(repo, 'v1');
    await oci.pushImage(repo, 'v2');
    // An SBOM referring to v1: an artifact, not an image to scan.
    await oci.pushImage(repo, 'v1-sbom', { extra: { artifactType: 'application/spdx+json', subject: { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: v1.digest, size: v1.body.length } } });
    const res = await scanRepository(reg.admin, repo);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ repositories: 1, alreadyActive: 0 });
    const rows = await queuedScans(repo);
    expect(res.body.queued).toBe(rows.length);
    expect(rows.map((r) => r.tag).sort()).toEqual(expect.arrayContaining(['v1', 'v2']));
    expect(rows.map((r) => r.tag)).not.toContain('v1-sbom');
    expect(rows.every((r) => r.trigger === 'manual' && r.requestedBy === 'admin')).toBe(true);
    // Again: every image already has a queued scan, so nothing new is queued.
    expect((await scanRepository(reg.admin, repo)).body).toMatchObject({ queued: 0, alreadyActive: rows.length });
  });

  it('is a repository admin action: readers and writers are refused, strangers find nothing', async () => {
    const repo = `${randomName('ns')}/app`;
    await oci.pushImage(repo, 'v1');
    const [reader, writer, repoAdmin, stranger] = await Promise.all([reg.createUser(), reg.createUser(), reg.createUser(), reg.createUser()]);
    expect((await grant(repo, reader, 'read')).status).toBe(200);
    expect((await grant(repo, writer, 'write')).status).toBe(200);
    expect((await grant(repo, repoAdmin, 'admin')).status).toBe(200);
    expect((await scanRepository(reader, repo)).status).toBe(403);
    expect((await scanRepository(writer, repo)).status).toBe(403);
    const hidden = await scanRepository(stranger, repo);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual((await scanRepository(stranger, `${repo}-missing`)).body);
    expect((await scanRepository(null, repo)).status).toBe(401);
    expect((await scanRepository(repoAdmin, repo)).body).toMatchObject({ queued: 1, repositories: 1 });
  });

  it('covers the repositories of a namespace the caller may scan', async () => {
    const ns = randomName('ns');
    await oci.pushImage(`${ns}/one`, 'v1');
    await oci.pushImage(`${ns}/two`, 'v1');
    const repoAdmin = await reg.createUser();
    expect((await grant(`${ns}/one`, repoAdmin, 'admin')).status).toBe(200);
    // Only `one` is theirs to scan.
    expect((await scanNamespace(repoAdmin, ns)).body).toMatchObject({ queued: 1, repositories: 1 });
    expect(await queuedScans(`${ns}/two`)).toHaveLength(0);
    expect((await scanNamespace(reg.admin, ns)).body).toMatchObject({ queued: 1, alreadyActive: 1, repositories: 2 });
    const reader = await reg.createUser();
    expect((await grant(`${ns}/one`, reader, 'read')).status).toBe(200);
    expect((await scanNamespace(reader, ns)).status).toBe(403);
    expect((await scanNamespace(await reg.createUser(), ns)).status).toBe(404);
  });
});

describe('rescan after an import', () => {
  it('queues rescans of images scanned before and pushed within BERTH_RESCAN_DAYS when an import adds records, not of older or never-scanned ones', async () => {
    const recent = `${randomName('ns')}/recent`;
    const old = `${randomName('ns')}/old`;
    const never = `${randomName('ns')}/never`;
    await oci.pushImage(recent, 'v1');
    await oci.pushImage(old, 'v1');
    await oci.pushImage(never, 'v1');
    // recent and old were scanned once (long ago for old); never was not.
    for (const repo of [recent, old]) expect((await scanRepository(reg.admin, repo)).status).toBe(202);
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    await reg.app.db.scan.updateMany({ where: { repository: { name: { in: [recent, old] } } }, data: { status: 'succeeded' } });
    await reg.app.db.scan.updateMany({ where: { repository: { name: old } }, data: { createdAt: longAgo } });
    await reg.app.db.tag.updateMany({ where: { repository: { name: old } }, data: { pushedAt: longAgo } });
    // The import adds records, so it asks for a rescan; this process has no job queue, so it is queued right away.
    await importFixtures(reg, ['GHSA-35jh-r3h4-6jhm']);
    expect(await queuedScans(recent)).toEqual([{ manifestDigest: expect.stringMatching(/^sha256:/), tag: 'v1', trigger: 'rescan', requestedBy: 'vulnerability data import' }]);
    expect(await queuedScans(old)).toHaveLength(0);
    expect(await queuedScans(never)).toHaveLength(0);
    // Importing the same records again changes nothing, and asks for nothing.
    const before = await reg.app.db.scan.count();
    await importFixtures(reg, ['GHSA-35jh-r3h4-6jhm']);
    expect(await reg.app.db.scan.count()).toBe(before);
  });

  it('does nothing with BERTH_RESCAN_DAYS=0', async () => {
    const repo = `${randomName('ns')}/off`;
    await oci.pushImage(repo, 'v1');
    const app = { ...reg.app, config: { ...reg.app.config, rescanDays: 0 } };
    expect(await rescanRecentImages(app)).toEqual({ queued: 0, alreadyActive: 0 });
    expect(await queuedScans(repo)).toHaveLength(0);
  });
});
