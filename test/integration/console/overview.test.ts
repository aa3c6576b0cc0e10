// The console overview (GET /api/v1/overview): a plain user sees only what they may read, hidden repositories are
// absent from every count and list, and the administrator's part (storage, job queues, vulnerability data) is for
// installation administrators only.
import { beforeAll, describe, expect, it } from 'vitest';
import * as namespacesRoute from '@/app/api/v1/namespaces/route';
import * as overviewRoute from '@/app/api/v1/overview/route';
import * as tokensRoute from '@/app/api/v1/tokens/route';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';

const reg = useTestRegistry();
let owner: TestUser;
let stranger: TestUser;
const mine = randomName('mine');
const theirs = randomName('theirs');
const repos = { app: `${mine}/app`, secret: `${theirs}/secret`, open: `${theirs}/open` };

const overview = (as: TestUser | null) => callApi(reg, overviewRoute.GET, { path: '/api/v1/overview', as });

async function scan(repository: string, digest: string, critical: number, high: number) {
  const repo = await reg.app.db.repository.findUniqueOrThrow({ where: { name: repository } });
  await reg.app.db.scan.create({
    data: { repositoryId: repo.id, manifestDigest: digest, trigger: 'manual', status: 'succeeded', requestedBy: 'admin', critical, high, medium: 0, low: 0, unknown: 0, finishedAt: new Date() },
  });
}

async function failedDelivery(namespace: string, name: string) {
  const ns = await reg.app.db.namespace.findUniqueOrThrow({ where: { name: namespace } });
  const hook = await reg.app.db.webhook.create({
    data: { namespaceId: ns.id, name, url: 'http://127.0.0.1:9/hook', triggerKind: 'all', events: ['image.pushed'] },
  });
  await reg.app.db.webhookDelivery.create({
    data: { webhookId: hook.id, eventType: 'image.pushed', kind: 'event', status: 'failed', body: '{}', format: 'default', maxAttempts: 3, completedAt: new Date() },
  });
}

beforeAll(async () => {
  owner = await reg.createUser();
  stranger = await reg.createUser();
  for (const name of [mine, theirs]) {
    const res = await callApi(reg, namespacesRoute.POST, { method: 'POST', path: '/api/v1/namespaces', as: reg.admin, body: { name } });
    expect(res.status).toBe(201);
  }
  const oci = new OciClient(reg, reg.admin);
  const app = await oci.pushImage(repos.app, 'v1');
  const secret = await oci.pushImage(repos.secret, 'v1');
  const open = await oci.pushImage(repos.open, 'v1');
  // `mine` belongs to the owner (private), `theirs/open` is public, `theirs/secret` private to the admin.
  await reg.app.db.namespace.update({ where: { name: mine }, data: { ownerId: owner.id, quotaBytes: 10n * 1024n * 1024n } });
  await reg.app.db.namespace.update({ where: { name: theirs }, data: { quotaBytes: 1024n * 1024n * 1024n } });
  await reg.app.db.repository.update({ where: { name: repos.open }, data: { visibility: 'PUBLIC' } });
  await scan(repos.app, app.digest, 1, 2);
  await scan(repos.secret, secret.digest, 9, 9);
  await scan(repos.open, open.digest, 0, 3);
  await failedDelivery(mine, 'mine-hook');
  await failedDelivery(theirs, 'theirs-hook');
});

describe('GET /api/v1/overview', () => {
  it('needs a signed-in caller', async () => {
    expect((await overview(null)).status).toBe(401);
  });

  it('shows a plain user what they can read, and nothing hidden', async () => {
    const res = await overview(owner);
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body).toMatchObject({ namespaceCount: 2, repositoryCount: 2 });
    expect(body.recentPushes.map((p: { repository: string }) => p.repository).sort()).toEqual([repos.app, repos.open].sort());
    expect(body.recentPushes[0]).toMatchObject({ tag: 'v1', pushedBy: 'admin' });
    // Critical first: the owner's image (1 critical) before the public one (3 high); the hidden one (9/9) is absent.
    expect(body.vulnerableImages).toEqual([
      expect.objectContaining({ repository: repos.app, tag: 'v1', critical: 1, high: 2 }),
      expect.objectContaining({ repository: repos.open, tag: 'v1', critical: 0, high: 3 }),
    ]);
    expect(body.deliveryFailures).toEqual([expect.objectContaining({ namespace: mine, webhookName: 'mine-hook', repository: null, status: 'failed' })]);
    expect(body.quotas).toEqual([{ namespace: mine, usedBytes: expect.any(Number), quotaBytes: 10 * 1024 * 1024 }]);
    expect(body.quotas[0].usedBytes).toBeGreaterThan(0);
    expect(body).not.toHaveProperty('admin');
    expect(JSON.stringify(body)).not.toContain(repos.secret);
  });

  it('shows a user with no grants only public repositories and no namespace work', async () => {
    const res = await overview(stranger);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ namespaceCount: 1, repositoryCount: 1, quotas: [], deliveryFailures: [] });
    expect(res.body.recentPushes.map((p: { repository: string }) => p.repository)).toEqual([repos.open]);
    expect(res.body.vulnerableImages.map((v: { repository: string }) => v.repository)).toEqual([repos.open]);
    expect(res.body).not.toHaveProperty('admin');
  });

  it('shows an administrator everything, with storage, job queues and vulnerability data', async () => {
    const res = await overview(reg.admin);
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body).toMatchObject({ namespaceCount: 2, repositoryCount: 3 });
    expect(body.vulnerableImages[0]).toMatchObject({ repository: repos.secret, critical: 9, high: 9 });
    expect(body.deliveryFailures.map((d: { namespace: string }) => d.namespace).sort()).toEqual([mine, theirs].sort());
    expect(body.quotas.map((q: { namespace: string }) => q.namespace)).toEqual([mine, theirs]);
    expect(body.admin.storage.blobs).toBe(6);
    expect(body.admin.storage.bytes).toBeGreaterThan(3 * 1024);
    expect(body.admin.vulnerabilityData).toEqual({ updatedAt: null, totalRecords: 0 });
    expect(Array.isArray(body.admin.jobQueues)).toBe(true);
  });

  it('keeps an administrator\'s namespace-limited token to its namespaces, without the installation part', async () => {
    const created = await callApi(reg, tokensRoute.POST, { method: 'POST', path: '/api/v1/tokens', as: reg.admin, body: { name: randomName('tok'), readOnly: true, namespaces: [mine] } });
    expect(created.status).toBe(201);
    const res = await callApi(reg, overviewRoute.GET, { path: '/api/v1/overview', as: { authorization: `Bearer ${created.body.secret}` } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ namespaceCount: 1, repositoryCount: 1 });
    expect(res.body.recentPushes.map((p: { repository: string }) => p.repository)).toEqual([repos.app]);
    expect(res.body).not.toHaveProperty('admin');
    expect(JSON.stringify(res.body)).not.toContain(theirs);
  });

  it('drops an image from the vulnerable list once no tag points at it', async () => {
    const repo = await reg.app.db.repository.findUniqueOrThrow({ where: { name: repos.open } });
    const tag = await reg.app.db.tag.findFirstOrThrow({ where: { repositoryId: repo.id, name: 'v1' } });
    await reg.app.db.tag.delete({ where: { id: tag.id } });
    try {
      const res = await overview(stranger);
      expect(res.body.vulnerableImages).toEqual([]);
      expect(res.body.recentPushes).toEqual([]);
      expect(res.body.repositoryCount).toBe(1);
    } finally {
      await reg.app.db.tag.create({ data: { repositoryId: repo.id, name: 'v1', manifestId: tag.manifestId, pushedAt: tag.pushedAt } });
    }
  });
});
