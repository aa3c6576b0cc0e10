// The webhook REST API: CRUD on repository and namespace webhooks, validation (URL, trigger, headers), the
// write-only secret, authorization (hidden is 404), and the OpenAPI entries.
import { describe, expect, it } from 'vitest';
import * as nsHookRoute from '@/app/api/v1/namespaces/[namespace]/webhooks/[id]/route';
import * as nsHooksRoute from '@/app/api/v1/namespaces/[namespace]/webhooks/route';
import * as openapiRoute from '@/app/api/v1/openapi.json/route';
import * as hookRoute from '@/app/api/v1/repositories/[namespace]/[repository]/webhooks/[id]/route';
import * as hooksRoute from '@/app/api/v1/repositories/[namespace]/[repository]/webhooks/route';
import { callApi, fieldPaths, repoParams } from '../../support/api';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import type { TestUser } from '../../support/registry';
import { createRepoWebhook, useReceiver, useWebhookHarness, waitFor } from './support';

const h = useWebhookHarness();
const r = useReceiver();

const as = (u: TestUser | null) => u;
const getHook = (u: TestUser | null, repo: string, id: string) =>
  callApi(h.reg, hookRoute.GET, { path: '/x', params: { ...repoParams(repo), id }, as: as(u) });
const patchHook = (u: TestUser, repo: string, id: string, body: unknown) =>
  callApi(h.reg, hookRoute.PATCH, { method: 'PATCH', path: '/x', params: { ...repoParams(repo), id }, as: u, body });
const listHooks = (u: TestUser | null, repo: string) => callApi(h.reg, hooksRoute.GET, { path: '/x', params: repoParams(repo), as: as(u) });

async function newRepo(owner: TestUser = h.reg.admin) {
  const repo = `${randomName('ns')}/${randomName('app')}`;
  await new OciClient(h.reg, owner).pushImage(repo, 'seed');
  return repo;
}

const valid = { name: 'ci', url: 'https://hooks.example.com/berth' };

/** A namespace owned by a (non-admin) user, who then creates repositories in it by pushing. */
async function ownedNamespace(owner: TestUser) {
  const ns = randomName('ns');
  await h.reg.app.db.namespace.create({ data: { name: ns, ownerId: owner.id } });
  return ns;
}

describe('webhooks API', () => {
  it('creates, reads, lists, updates and deletes a repository webhook; the secret is never returned', async () => {
    const repo = await newRepo();
    const created = await createRepoWebhook(h.reg, h.reg.admin, repo, {
      ...valid,
      secret: 'a-long-shared-secret',
      trigger: { kind: 'regex', pattern: 'v[0-9]+' },
      events: ['image.pushed', 'tag.deleted'],
      headers: [
        { name: 'X-Team', value: 'infra' },
        { name: 'Authorization', value: 'Bearer receiver-token' },
      ],
      format: 'cloudevents',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      scope: 'repository',
      namespace: repo.split('/')[0],
      repository: repo,
      name: 'ci',
      url: 'https://hooks.example.com/berth',
      enabled: true,
      trigger: { kind: 'regex', pattern: 'v[0-9]+' },
      events: ['image.pushed', 'tag.deleted'],
      format: 'cloudevents',
      hasSecret: true,
      headers: [
        { name: 'X-Team', value: 'infra' },
        { name: 'Authorization', value: '********' },
      ],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      lastDelivery: null,
      // A name that does not resolve now is not flagged: only what the SSRF guard would refuse is.
      targetWarning: null,
    });
    const id = created.body.id;
    const text = JSON.stringify([created.body, (await getHook(h.reg.admin, repo, id)).body, (await listHooks(h.reg.admin, repo)).body]);
    expect(text).not.toContain('a-long-shared-secret');
    expect(text).not.toContain('receiver-token');
    expect((await listHooks(h.reg.admin, repo)).body.items.map((w: { id: string }) => w.id)).toEqual([id]);

    // Sending the masked list back keeps the stored credential.
    const patched = await patchHook(h.reg.admin, repo, id, { name: 'renamed', enabled: false, secret: null, headers: created.body.headers, trigger: { kind: 'all' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'renamed', enabled: false, hasSecret: false, trigger: { kind: 'all' } });
    const row = await h.reg.app.db.webhook.findUniqueOrThrow({ where: { id } });
    expect(row.headers).toEqual([
      { name: 'X-Team', value: 'infra' },
      { name: 'Authorization', value: 'Bearer receiver-token' },
    ]);
    expect(row.secret).toBeNull();

    const deleted = await callApi(h.reg, hookRoute.DELETE, { method: 'DELETE', path: '/x', params: { ...repoParams(repo), id }, as: h.reg.admin });
    expect(deleted.status).toBe(204);
    expect((await getHook(h.reg.admin, repo, id)).status).toBe(404);
    expect((await getHook(h.reg.admin, repo, 'not-a-uuid')).status).toBe(404);
  });

  it.each([
    [{ url: 'ftp://example.com/x' }, ['url']],
    [{ url: 'not a url' }, ['url']],
    [{ url: 'https://user:pw@example.com/' }, ['url']],
    [{ trigger: { kind: 'regex', pattern: '(?=lookahead)' } }, ['trigger.pattern']],
    [{ trigger: { kind: 'regex', pattern: '[unclosed' } }, ['trigger.pattern']],
    [{ trigger: { kind: 'regex', pattern: 'a'.repeat(257) } }, ['trigger.pattern']],
    [{ trigger: { kind: 'tags', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) } }, ['trigger.tags']],
    [{ trigger: { kind: 'tags', tags: ['ok', 'not a tag'] } }, ['trigger.tags.1']],
    [{ trigger: { kind: 'sometimes' } }, ['trigger.kind']],
    [{ events: ['image.deleted'] }, ['events.0']],
    [{ events: [] }, ['events']],
    [{ headers: [{ name: 'Host', value: 'evil' }] }, ['headers.0.name']],
    [{ headers: [{ name: 'Content-Length', value: '1' }] }, ['headers.0.name']],
    [{ headers: [{ name: 'Connection', value: 'close' }] }, ['headers.0.name']],
    [{ headers: [{ name: 'X-Berth-Signature', value: 'forged' }] }, ['headers.0.name']],
    [{ headers: [{ name: 'X-Ok', value: 'a\r\nInjected: 1' }] }, ['headers.0.value']],
    [{ headers: Array.from({ length: 11 }, (_, i) => ({ name: `X-H${i}`, value: 'v' })) }, ['headers']],
    [{ secret: 'short' }, ['secret']],
    [{ format: 'xml' }, ['format']],
    [{ surprise: true }, ['(body)']],
  ])('rejects %j with field errors', async (patch, paths) => {
    const repo = await newRepo();
    const res = await createRepoWebhook(h.reg, h.reg.admin, repo, { ...valid, ...patch });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(fieldPaths(res.body)).toEqual(paths);
  });

  it('accepts a catastrophic-backtracking pattern at once (RE2 cannot backtrack)', async () => {
    const repo = await newRepo();
    const started = Date.now();
    const res = await createRepoWebhook(h.reg, h.reg.admin, repo, { ...valid, trigger: { kind: 'regex', pattern: '(a+)+$' } });
    expect(res.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers 404 to strangers and 403 to readers; repository admins manage webhooks', async () => {
    const repo = await newRepo();
    const [stranger, reader, repoAdmin] = await Promise.all([h.reg.createUser(), h.reg.createUser(), h.reg.createUser()]);
    const repository = await h.reg.app.db.repository.findUniqueOrThrow({ where: { name: repo } });
    await h.reg.app.db.repositoryPermission.createMany({
      data: [
        { repositoryId: repository.id, userId: reader.id, level: 'READ' },
        { repositoryId: repository.id, userId: repoAdmin.id, level: 'ADMIN' },
      ],
    });
    const created = await createRepoWebhook(h.reg, h.reg.admin, repo, valid);
    expect((await listHooks(null, repo)).status).toBe(401);
    expect((await listHooks(stranger, repo)).status).toBe(404);
    expect((await getHook(stranger, repo, created.body.id)).status).toBe(404);
    expect((await listHooks(reader, repo)).status).toBe(403);
    expect((await createRepoWebhook(h.reg, reader, repo, valid)).status).toBe(403);
    expect((await listHooks(repoAdmin, repo)).status).toBe(200);
    expect((await createRepoWebhook(h.reg, repoAdmin, repo, { ...valid, name: 'theirs' })).status).toBe(201);
    expect((await createRepoWebhook(h.reg, stranger, `${repo.split('/')[0]}/missing`, valid)).status).toBe(404);
  });
});

describe('namespace webhooks', () => {
  const nsPath = (ns: string) => ({ path: `/api/v1/namespaces/${ns}/webhooks`, params: { namespace: ns } });

  it('are managed by the namespace owner and fire for every repository in the namespace', async () => {
    const owner = await h.reg.createUser();
    const ns = await ownedNamespace(owner);
    const oci = new OciClient(h.reg, owner);
    await oci.pushImage(`${ns}/one`, 'seed');
    const created = await callApi(h.reg, nsHooksRoute.POST, { method: 'POST', ...nsPath(ns), as: owner, body: { name: 'all-repos', url: `${r.url}/${ns}` } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scope: 'namespace', namespace: ns, repository: null });
    const list = await callApi(h.reg, nsHooksRoute.GET, { ...nsPath(ns), as: owner });
    expect(list.body.items.map((w: { id: string }) => w.id)).toEqual([created.body.id]);
    // A namespace webhook is not one of a repository's webhooks, and the URLs do not cross.
    expect((await listHooks(owner, `${ns}/one`)).body.items).toEqual([]);
    expect((await getHook(owner, `${ns}/one`, created.body.id)).status).toBe(404);

    await oci.pushImage(`${ns}/one`, 'v1');
    await oci.pushImage(`${ns}/two/nested`, 'v2');
    await waitFor(() => r.received.filter((x) => x.path === `/${ns}`).length >= 2);
    const tags = r.received.filter((x) => x.path === `/${ns}`).map((x) => JSON.parse(x.body).repository.fullName + ':' + JSON.parse(x.body).pushData.tag);
    expect(tags.sort()).toEqual([`${ns}/one:v1`, `${ns}/two/nested:v2`]);
  });

  it('are hidden from users without access and refused to repository-level admins', async () => {
    const owner = await h.reg.createUser();
    const [stranger, repoAdmin] = await Promise.all([h.reg.createUser(), h.reg.createUser()]);
    const ns = await ownedNamespace(owner);
    await new OciClient(h.reg, owner).pushImage(`${ns}/app`, 'seed');
    const repository = await h.reg.app.db.repository.findUniqueOrThrow({ where: { name: `${ns}/app` } });
    await h.reg.app.db.repositoryPermission.create({ data: { repositoryId: repository.id, userId: repoAdmin.id, level: 'ADMIN' } });
    const created = await callApi(h.reg, nsHooksRoute.POST, { method: 'POST', ...nsPath(ns), as: owner, body: valid });
    expect((await callApi(h.reg, nsHooksRoute.GET, { ...nsPath(ns), as: stranger })).status).toBe(404);
    expect((await callApi(h.reg, nsHookRoute.GET, { path: '/x', params: { namespace: ns, id: created.body.id }, as: stranger })).status).toBe(404);
    expect((await callApi(h.reg, nsHooksRoute.POST, { method: 'POST', ...nsPath(ns), as: repoAdmin, body: valid })).status).toBe(403);
    expect((await callApi(h.reg, nsHooksRoute.GET, { ...nsPath('no-such-ns'), as: owner })).status).toBe(404);
    const patched = await callApi(h.reg, nsHookRoute.PATCH, { method: 'PATCH', path: '/x', params: { namespace: ns, id: created.body.id }, as: owner, body: { enabled: false } });
    expect(patched.body.enabled).toBe(false);
  });
});

describe('OpenAPI', () => {
  it('documents every webhook endpoint', async () => {
    const doc = await (openapiRoute.GET() as Response).json();
    const repo = '/api/v1/repositories/{namespace}/{repository}';
    for (const base of [repo, '/api/v1/namespaces/{namespace}']) {
      expect(Object.keys(doc.paths[`${base}/webhooks`]).sort()).toEqual(['get', 'post']);
      expect(Object.keys(doc.paths[`${base}/webhooks/{id}`]).sort()).toEqual(['delete', 'get', 'patch']);
      expect(doc.paths[`${base}/webhooks/{id}/deliveries`].get).toBeTruthy();
      expect(doc.paths[`${base}/webhooks/{id}/deliveries/{deliveryId}`].get.responses['200'].content['application/json'].schema.properties.attempts).toBeTruthy();
      expect(doc.paths[`${base}/webhooks/{id}/deliveries/{deliveryId}/redeliver`].post).toBeTruthy();
      expect(doc.paths[`${base}/webhooks/{id}/test`].post).toBeTruthy();
    }
    expect(doc.paths[`${repo}/events`].get.description).toContain('cr:ListWebhook');
    const nsEvents = doc.paths['/api/v1/namespaces/{namespace}/events'].get;
    expect(nsEvents.description).toContain('cr:ListWebhook');
    expect(nsEvents.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['cursor', 'limit', 'namespace']);
    expect(nsEvents.responses['200'].content['application/json'].schema.properties.items.items.properties.repository).toBeTruthy();
    expect(doc.paths[`${repo}/webhooks`].get.responses['200'].content['application/json'].schema.properties.items.items.properties.lastDelivery).toBeTruthy();
    expect(doc.paths[`${repo}/webhooks`].post.requestBody.content['application/json'].schema.properties.trigger).toBeTruthy();
  });
});
