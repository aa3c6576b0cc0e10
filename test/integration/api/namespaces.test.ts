import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as namespacesRoute from '@/app/api/v1/namespaces/route';
import * as namespaceRoute from '@/app/api/v1/namespaces/[namespace]/route';
import * as repositoryRoute from '@/app/api/v1/repositories/[namespace]/[repository]/route';
import * as openapiRoute from '@/app/api/v1/openapi.json/route';
import { callApi, fieldPaths } from '../../support/api';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';

const reg = useTestRegistry();

async function createNamespace(as: TestUser, body: Record<string, unknown>) {
  return callApi(reg, namespacesRoute.POST, { method: 'POST', path: '/api/v1/namespaces', as, body });
}

async function getNamespace(as: TestUser | null, name: string) {
  return callApi(reg, namespaceRoute.GET, { path: `/api/v1/namespaces/${name}`, params: { namespace: name }, as });
}

/** A user who may create namespaces through a custom policy (not an admin). */
async function namespaceCreator(): Promise<TestUser> {
  const user = await reg.createUser();
  const policyName = randomName('CreateNs');
  await reg.app.db.policy.create({
    data: { name: policyName, document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'cr:CreateNamespace', Resource: '*' }] } },
  });
  await reg.app.db.userPolicy.create({ data: { userId: user.id, policyName } });
  return user;
}

async function grantRepository(user: TestUser, repository: string, level: 'READ' | 'WRITE' | 'ADMIN') {
  const repo = await reg.app.db.repository.findUniqueOrThrow({ where: { name: repository } });
  await reg.app.db.repositoryPermission.create({ data: { repositoryId: repo.id, userId: user.id, level } });
}

describe('namespaces API', () => {
  it('lets an admin create a namespace and answers its shape', async () => {
    const name = randomName('ns');
    const created = await createNamespace(reg.admin, { name, defaultVisibility: 'public', autoCreateRepository: false });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name,
      owner: 'admin',
      autoCreateRepository: false,
      defaultVisibility: 'public',
      repositoryCount: 0,
      storageBytes: 0,
    });
    expect(typeof created.body.id).toBe('string');
    expect(Date.parse(created.body.createdAt)).not.toBeNaN();
    const fetched = await getNamespace(reg.admin, name);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
    const audit = await reg.app.db.auditEvent.findFirst({ where: { action: 'cr:CreateNamespace', namespace: name, outcome: 'allowed' } });
    expect(audit?.actorName).toBe('admin');
  });

  it('answers field errors for bad input and a conflict for a taken name', async () => {
    const bad = await createNamespace(reg.admin, { name: 'Bad/Name', defaultVisibility: 'secret', autoCreateRepository: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(fieldPaths(bad.body)).toEqual(['autoCreateRepository', 'defaultVisibility', 'name']);
    const unknownKey = await createNamespace(reg.admin, { name: randomName('ns'), owner: 'someone' });
    expect(unknownKey.status).toBe(400);
    const name = randomName('ns');
    expect((await createNamespace(reg.admin, { name })).status).toBe(201);
    const taken = await createNamespace(reg.admin, { name });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('CONFLICT');
    expect(fieldPaths(taken.body)).toEqual(['name']);
  });

  it('refuses anonymous callers and users without cr:CreateNamespace', async () => {
    const anon = await callApi(reg, namespacesRoute.POST, { method: 'POST', path: '/api/v1/namespaces', as: null, body: { name: randomName('ns') } });
    expect(anon.status).toBe(401);
    const user = await reg.createUser();
    const refused = await createNamespace(user, { name: randomName('ns') });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
  });

  it('lets a policy-granted user create 3 namespaces; the 4th exceeds the limit', async () => {
    const user = await namespaceCreator();
    for (let i = 0; i < 3; i++) {
      const res = await createNamespace(user, { name: randomName('ns') });
      expect(res.status).toBe(201);
      expect(res.body.owner).toBe(user.username);
    }
    const fourth = await createNamespace(user, { name: randomName('ns') });
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.code).toBe('LIMIT_EXCEEDED');
    expect(fourth.body.error.message).toContain('3');
    const list = await callApi(reg, namespacesRoute.GET, { path: '/api/v1/namespaces', as: user });
    expect(list.status).toBe(200);
    expect(list.body.namespaceLimit).toEqual({ limit: 3, owned: 3 });
    expect(list.body.items).toHaveLength(3);
    const asAdmin = await callApi(reg, namespacesRoute.GET, { path: '/api/v1/namespaces', as: reg.admin });
    expect(asAdmin.body.namespaceLimit.limit).toBeNull();
  });

  it('counts repositories and the distinct blobs they store, in the list and in the namespace', async () => {
    const ns = randomName('ns');
    const shared = randomBytes(3000);
    const own = randomBytes(500);
    const oci = new OciClient(reg, reg.admin);
    const a = await oci.pushImage(`${ns}/a`, 'v1', { layers: [shared] });
    const b = await oci.pushImage(`${ns}/b`, 'v1', { layers: [shared, own] });
    // Configs differ (they carry a nonce); the shared layer counts once.
    const expected = a.manifest.config.size + b.manifest.config.size + shared.length + own.length;
    const list = await callApi(reg, namespacesRoute.GET, { path: '/api/v1/namespaces', as: reg.admin });
    const item = list.body.items.find((n: { name: string }) => n.name === ns);
    expect(item).toMatchObject({ name: ns, owner: 'admin', repositoryCount: 2, storageBytes: expected, defaultVisibility: 'private', autoCreateRepository: true });
    const one = await getNamespace(reg.admin, ns);
    expect(one.body).toMatchObject({ repositoryCount: 2, storageBytes: expected });
  });

  it('shows a namespace to whoever can read a repository in it, counting only what they can read', async () => {
    const ns = randomName('ns');
    const oci = new OciClient(reg, reg.admin);
    await oci.pushImage(`${ns}/granted`, 'v1');
    await oci.pushImage(`${ns}/hidden`, 'v1');
    const reader = await reg.createUser();
    const stranger = await reg.createUser();
    await grantRepository(reader, `${ns}/granted`, 'READ');

    const readerList = await callApi(reg, namespacesRoute.GET, { path: '/api/v1/namespaces', as: reader });
    expect(readerList.body.items.map((n: { name: string }) => n.name)).toEqual([ns]);
    expect(readerList.body.items[0].repositoryCount).toBe(1);
    expect(readerList.body.namespaceLimit).toEqual({ limit: 3, owned: 0 });
    expect((await getNamespace(reader, ns)).status).toBe(200);

    const strangerList = await callApi(reg, namespacesRoute.GET, { path: '/api/v1/namespaces', as: stranger });
    expect(strangerList.body.items.map((n: { name: string }) => n.name)).not.toContain(ns);
    const hidden = await getNamespace(stranger, ns);
    const missing = await getNamespace(stranger, randomName('ns'));
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);

    // Visible but not theirs to change: 403. Hidden: 404, as if missing.
    const patchReader = await callApi(reg, namespaceRoute.PATCH, { method: 'PATCH', path: '/', params: { namespace: ns }, as: reader, body: { autoCreateRepository: false } });
    expect(patchReader.status).toBe(403);
    const patchStranger = await callApi(reg, namespaceRoute.PATCH, { method: 'PATCH', path: '/', params: { namespace: ns }, as: stranger, body: { autoCreateRepository: false } });
    expect(patchStranger.status).toBe(404);
    expect(patchStranger.body).toEqual(missing.body);
    const denied = await reg.app.db.auditEvent.findFirst({ where: { action: 'cr:UpdateNamespace', namespace: ns, outcome: 'denied', actorName: reader.username } });
    expect(denied).not.toBeNull();
  });

  it('shows anonymous callers namespaces with public repositories only', async () => {
    const pub = randomName('ns');
    const priv = randomName('ns');
    const oci = new OciClient(reg, reg.admin);
    await oci.pushImage(`${pub}/app`, 'v1');
    await oci.pushImage(`${priv}/app`, 'v1');
    await reg.app.db.repository.update({ where: { name: `${pub}/app` }, data: { visibility: 'PUBLIC' } });
    const list = await callApi(reg, namespacesRoute.GET, { path: '/api/v1/namespaces', as: null });
    expect(list.status).toBe(200);
    const names = list.body.items.map((n: { name: string }) => n.name);
    expect(names).toContain(pub);
    expect(names).not.toContain(priv);
    expect(list.body.namespaceLimit).toEqual({ limit: 0, owned: 0 });
    expect((await getNamespace(null, pub)).status).toBe(200);
    expect((await getNamespace(null, priv)).status).toBe(404);
    const anonPatch = await callApi(reg, namespaceRoute.PATCH, { method: 'PATCH', path: '/', params: { namespace: pub }, as: null, body: {} });
    expect(anonPatch.status).toBe(401);
  });

  it('lets the owner change the push settings, which then apply to pushes', async () => {
    const user = await namespaceCreator();
    const ns = randomName('ns');
    expect((await createNamespace(user, { name: ns })).status).toBe(201);
    const bad = await callApi(reg, namespaceRoute.PATCH, { method: 'PATCH', path: '/', params: { namespace: ns }, as: user, body: { defaultVisibility: 'PUBLIC' } });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body)).toEqual(['defaultVisibility']);
    const patched = await callApi(reg, namespaceRoute.PATCH, { method: 'PATCH', path: '/', params: { namespace: ns }, as: user, body: { defaultVisibility: 'public' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: ns, defaultVisibility: 'public', autoCreateRepository: true });
    await new OciClient(reg, user).pushImage(`${ns}/app`, 'v1');
    expect((await reg.app.db.repository.findUniqueOrThrow({ where: { name: `${ns}/app` } })).visibility).toBe('PUBLIC');

    const off = await callApi(reg, namespaceRoute.PATCH, { method: 'PATCH', path: '/', params: { namespace: ns }, as: user, body: { autoCreateRepository: false } });
    expect(off.body.autoCreateRepository).toBe(false);
    await expect(new OciClient(reg, user).pushImage(`${ns}/other`, 'v1')).rejects.toThrow(/404/);
    const audit = await reg.app.db.auditEvent.count({ where: { action: 'cr:UpdateNamespace', namespace: ns, outcome: 'allowed' } });
    expect(audit).toBe(2);
  });

  it('deletes a namespace with its repositories only after a typed confirmation', async () => {
    const ns = randomName('ns');
    const oci = new OciClient(reg, reg.admin);
    await oci.pushImage(`${ns}/app`, 'v1');
    await oci.pushImage(`${ns}/tools/cli`, 'v1');
    const del = (as: TestUser | null, query: string, body?: unknown) =>
      callApi(reg, namespaceRoute.DELETE, { method: 'DELETE', path: `/api/v1/namespaces/${ns}${query}`, params: { namespace: ns }, as, body });

    const member = await reg.createUser();
    const ref = await reg.app.db.namespace.findUniqueOrThrow({ where: { name: ns } });
    await reg.app.db.namespacePermission.create({ data: { namespaceId: ref.id, userId: member.id, level: 'WRITE' } });
    expect((await del(member, `?confirm=${ns}`)).status).toBe(403);
    expect((await del(await reg.createUser(), `?confirm=${ns}`)).status).toBe(404);
    expect((await del(null, `?confirm=${ns}`)).status).toBe(401);

    const unconfirmed = await del(reg.admin, '');
    expect(unconfirmed.status).toBe(400);
    expect(fieldPaths(unconfirmed.body)).toEqual(['confirm']);
    expect((await del(reg.admin, '?confirm=wrong')).status).toBe(400);
    expect((await del(reg.admin, '', { confirm: 'wrong' })).status).toBe(400);
    expect(await reg.app.db.repository.count({ where: { namespaceId: ref.id } })).toBe(2);

    const deleted = await del(reg.admin, `?confirm=${ns}`);
    expect(deleted.status).toBe(204);
    expect(await reg.app.db.repository.count({ where: { name: { startsWith: `${ns}/` } } })).toBe(0);
    expect((await getNamespace(reg.admin, ns)).status).toBe(404);
    const repo = await callApi(reg, repositoryRoute.GET, { path: '/', params: { namespace: ns, repository: 'app' }, as: reg.admin });
    expect(repo.status).toBe(404);
    expect((await oci.fetch(`/v2/${ns}/app/manifests/v1`)).status).toBe(404);
    const audit = await reg.app.db.auditEvent.findFirst({ where: { action: 'cr:DeleteNamespace', namespace: ns, outcome: 'allowed' } });
    expect(audit?.detail).toEqual({ repositories: 2 });
  });

  it('accepts the confirmation in the body too', async () => {
    const ns = randomName('ns');
    expect((await createNamespace(reg.admin, { name: ns })).status).toBe(201);
    const deleted = await callApi(reg, namespaceRoute.DELETE, { method: 'DELETE', path: '/', params: { namespace: ns }, as: reg.admin, body: { confirm: ns } });
    expect(deleted.status).toBe(204);
  });

  it('documents the namespace operations in the OpenAPI document', async () => {
    const doc = await (openapiRoute.GET() as Response).json();
    expect(doc.paths['/api/v1/namespaces'].post.requestBody).toBeTruthy();
    expect(Object.keys(doc.paths['/api/v1/namespaces/{namespace}']).sort()).toEqual(['delete', 'get', 'patch']);
    expect(doc.paths['/api/v1/namespaces/{namespace}/permissions/{username}'].put).toBeTruthy();
  });
});
