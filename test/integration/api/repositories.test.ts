import { beforeAll, describe, expect, it } from 'vitest';
import * as repositoriesRoute from '@/app/api/v1/repositories/route';
import * as repositoryRoute from '@/app/api/v1/repositories/[namespace]/[repository]/route';
import * as namespacesRoute from '@/app/api/v1/namespaces/route';
import { displayPrefix, generateTokenSecret, hashTokenSecret } from '@/lib/services/tokens/token-secret';
import { callApi, fieldPaths, repoParams } from '../../support/api';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';

const reg = useTestRegistry();

type As = TestUser | null;

const getRepo = (as: As, full: string) => callApi(reg, repositoryRoute.GET, { path: `/api/v1/repositories/${full}`, params: repoParams(full), as });
const patchRepo = (as: As, full: string, body: unknown) =>
  callApi(reg, repositoryRoute.PATCH, { method: 'PATCH', path: `/api/v1/repositories/${full}`, params: repoParams(full), as, body });
const deleteRepo = (as: As, full: string) =>
  callApi(reg, repositoryRoute.DELETE, { method: 'DELETE', path: `/api/v1/repositories/${full}`, params: repoParams(full), as });
const createRepo = (as: As, body: Record<string, unknown>) =>
  callApi(reg, repositoriesRoute.POST, { method: 'POST', path: '/api/v1/repositories', as, body });
const listRepos = (as: As, query: string) => callApi(reg, repositoriesRoute.GET, { path: `/api/v1/repositories?${query}`, as });

async function newNamespace(): Promise<string> {
  const name = randomName('ns');
  const res = await callApi(reg, namespacesRoute.POST, { method: 'POST', path: '/api/v1/namespaces', as: reg.admin, body: { name } });
  expect(res.status).toBe(201);
  return name;
}

async function grant(user: TestUser, target: { repository: string } | { namespace: string }, level: 'READ' | 'WRITE' | 'ADMIN') {
  if ('repository' in target) {
    const repo = await reg.app.db.repository.findUniqueOrThrow({ where: { name: target.repository } });
    await reg.app.db.repositoryPermission.create({ data: { repositoryId: repo.id, userId: user.id, level } });
  } else {
    const ns = await reg.app.db.namespace.findUniqueOrThrow({ where: { name: target.namespace } });
    await reg.app.db.namespacePermission.create({ data: { namespaceId: ns.id, userId: user.id, level } });
  }
}

async function attachPolicy(user: TestUser, statements: Array<{ Effect: 'Allow' | 'Deny'; Action: string; Resource: string }>) {
  const policyName = randomName('Policy');
  await reg.app.db.policy.create({ data: { name: policyName, document: { Version: '1', Statement: statements } } });
  await reg.app.db.userPolicy.create({ data: { userId: user.id, policyName } });
}

describe('repositories API: create, get, update, delete', () => {
  it('creates a repository, nested names included, and answers its shape', async () => {
    const ns = await newNamespace();
    const created = await createRepo(reg.admin, { namespace: ns, name: 'tools/cli', visibility: 'private', summary: 'The CLI' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: `${ns}/tools/cli`,
      namespace: ns,
      visibility: 'private',
      summary: 'The CLI',
      description: '',
      tagCount: 0,
      manifestCount: 0,
      lastPushedAt: null,
    });
    const fetched = await getRepo(reg.admin, `${ns}/tools/cli`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
    const audit = await reg.app.db.auditEvent.findFirst({ where: { action: 'cr:CreateRepository', resource: `repository/${ns}/tools/cli` } });
    expect(audit?.outcome).toBe('allowed');
    // The registry pushes into it.
    await new OciClient(reg, reg.admin).pushImage(`${ns}/tools/cli`, 'v1');
    const pushed = await getRepo(reg.admin, `${ns}/tools/cli`);
    expect(pushed.body).toMatchObject({ tagCount: 1, manifestCount: 1 });
    expect(pushed.body.lastPushedAt).not.toBeNull();
  });

  it('answers field errors for bad input', async () => {
    const ns = await newNamespace();
    const bad = await createRepo(reg.admin, { namespace: 'Bad NS', name: 'app', visibility: 'hidden', summary: 'x'.repeat(300) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(fieldPaths(bad.body)).toEqual(['namespace', 'summary', 'visibility']);
    const badName = await createRepo(reg.admin, { namespace: ns, name: 'Upper/Case', visibility: 'private' });
    expect(badName.status).toBe(400);
    expect(fieldPaths(badName.body)).toEqual(['name']);
    const tooLong = await createRepo(reg.admin, { namespace: ns, name: 'a'.repeat(250), visibility: 'private' });
    expect(fieldPaths(tooLong.body)).toEqual(['name']);
    const missing = await createRepo(reg.admin, { namespace: ns });
    expect(fieldPaths(missing.body)).toEqual(['name', 'visibility']);
  });

  it('answers a conflict for an existing repository and 404 for a missing namespace', async () => {
    const ns = await newNamespace();
    expect((await createRepo(reg.admin, { namespace: ns, name: 'app', visibility: 'private' })).status).toBe(201);
    const again = await createRepo(reg.admin, { namespace: ns, name: 'app', visibility: 'public' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    const noNs = await createRepo(reg.admin, { namespace: randomName('ns'), name: 'app', visibility: 'private' });
    expect(noNs.status).toBe(404);
    expect(fieldPaths(noNs.body)).toEqual(['namespace']);
  });

  it('lets namespace writers create repositories; readers get 403, strangers the 404 of a missing namespace', async () => {
    const ns = await newNamespace();
    const writer = await reg.createUser();
    const reader = await reg.createUser();
    const stranger = await reg.createUser();
    await grant(writer, { namespace: ns }, 'WRITE');
    await grant(reader, { namespace: ns }, 'READ');
    expect((await createRepo(writer, { namespace: ns, name: 'by-writer', visibility: 'private' })).status).toBe(201);
    const byReader = await createRepo(reader, { namespace: ns, name: 'by-reader', visibility: 'private' });
    expect(byReader.status).toBe(403);
    const byStranger = await createRepo(stranger, { namespace: ns, name: 'by-stranger', visibility: 'private' });
    const missingNs = await createRepo(stranger, { namespace: randomName('ns'), name: 'x', visibility: 'private' });
    expect(byStranger.status).toBe(404);
    expect(byStranger.body).toEqual(missingNs.body);
    expect((await createRepo(null, { namespace: ns, name: 'anon', visibility: 'private' })).status).toBe(401);
    const denied = await reg.app.db.auditEvent.count({ where: { action: 'cr:CreateRepository', outcome: 'denied', namespace: ns } });
    expect(denied).toBe(2);
  });

  it('answers 404 with identical bodies for a private repository and a missing one', async () => {
    const ns = await newNamespace();
    await createRepo(reg.admin, { namespace: ns, name: 'secret', visibility: 'private' });
    const user = await reg.createUser();
    const hidden = await getRepo(user, `${ns}/secret`);
    const missing = await getRepo(user, `${ns}/nothing-here`);
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
    // The same for changes, and for anonymous readers.
    expect(await patchRepo(user, `${ns}/secret`, { summary: 'x' })).toMatchObject({ status: 404, body: missing.body });
    expect(await deleteRepo(user, `${ns}/secret`)).toMatchObject({ status: 404, body: missing.body });
    expect(await getRepo(null, `${ns}/secret`)).toMatchObject({ status: 404, body: missing.body });
    // Names that cannot exist are missing too.
    expect((await getRepo(user, `${ns}/UPPER`)).status).toBe(404);
    expect((await callApi(reg, repositoryRoute.GET, { path: '/', params: { namespace: `${ns}%2Fsecret`, repository: 'x' }, as: reg.admin })).status).toBe(404);
  });

  it('lets a read grant see the repository but not change or delete it', async () => {
    const ns = await newNamespace();
    await createRepo(reg.admin, { namespace: ns, name: 'app', visibility: 'private' });
    const reader = await reg.createUser();
    await grant(reader, { repository: `${ns}/app` }, 'READ');
    expect((await getRepo(reader, `${ns}/app`)).status).toBe(200);
    const patch = await patchRepo(reader, `${ns}/app`, { summary: 'mine now' });
    expect(patch.status).toBe(403);
    expect(patch.body.error.code).toBe('FORBIDDEN');
    expect((await deleteRepo(reader, `${ns}/app`)).status).toBe(403);
    expect((await patchRepo(null, `${ns}/app`, { summary: 'x' })).status).toBe(401);
  });

  it('serves public repositories to anonymous callers', async () => {
    const ns = await newNamespace();
    await createRepo(reg.admin, { namespace: ns, name: 'open', visibility: 'public' });
    const res = await getRepo(null, `${ns}/open`);
    expect(res.status).toBe(200);
    expect(res.body.visibility).toBe('public');
  });

  it('updates summary, Markdown description and visibility, with a 100 KB limit on the description', async () => {
    const ns = await newNamespace();
    await createRepo(reg.admin, { namespace: ns, name: 'app', visibility: 'private' });
    const description = `# App\n\n${'é'.repeat(50_000)}`; // 100 KB of UTF-8 less a little
    const patched = await patchRepo(reg.admin, `${ns}/app`, { summary: 'An app', description, visibility: 'public' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ summary: 'An app', description, visibility: 'public' });
    expect((await getRepo(null, `${ns}/app`)).status).toBe(200);
    const tooBig = await patchRepo(reg.admin, `${ns}/app`, { description: 'é'.repeat(51_300) });
    expect(tooBig.status).toBe(400);
    expect(fieldPaths(tooBig.body)).toEqual(['description']);
    const unknown = await patchRepo(reg.admin, `${ns}/app`, { name: 'renamed' });
    expect(unknown.status).toBe(400);
    const audit = await reg.app.db.auditEvent.findFirst({ where: { action: 'cr:UpdateRepository', resource: `repository/${ns}/app` } });
    expect(audit?.detail).toMatchObject({ changed: ['summary', 'description', 'visibility'], visibility: 'public' });
  });

  it('lets a repository admin delete it, after which it is gone for the registry too', async () => {
    const ns = await newNamespace();
    const owner = await reg.createUser();
    await createRepo(reg.admin, { namespace: ns, name: 'doomed', visibility: 'private' });
    await grant(owner, { repository: `${ns}/doomed` }, 'ADMIN');
    await new OciClient(reg, owner).pushImage(`${ns}/doomed`, 'v1');
    const deleted = await deleteRepo(owner, `${ns}/doomed`);
    expect(deleted.status).toBe(204);
    expect((await getRepo(reg.admin, `${ns}/doomed`)).status).toBe(404);
    expect((await new OciClient(reg, reg.admin).fetch(`/v2/${ns}/doomed/manifests/v1`)).status).toBe(404);
    expect(await reg.app.db.auditEvent.count({ where: { action: 'cr:DeleteRepository', resource: `repository/${ns}/doomed` } })).toBe(1);
  });
});

describe('repositories API: listing', () => {
  let ns: string;
  let other: string;
  beforeAll(async () => {
    ns = await newNamespace();
    other = await newNamespace();
    for (const [name, visibility] of [['alpha', 'public'], ['beta', 'private'], ['gamma', 'private'], ['tools/delta', 'public']] as const) {
      expect((await createRepo(reg.admin, { namespace: ns, name, visibility })).status).toBe(201);
    }
    expect((await createRepo(reg.admin, { namespace: other, name: 'alpha', visibility: 'private' })).status).toBe(201);
    const oci = new OciClient(reg, reg.admin);
    await oci.pushImage(`${ns}/gamma`, 'v1');
    await oci.pushImage(`${ns}/beta`, 'v1');
    await oci.pushImage(`${ns}/beta`, 'v2');
  });

  const names = (body: { items: Array<{ name: string }> }) => body.items.map((r) => r.name);

  it('pages through the repositories of a namespace with totals and counts', async () => {
    const first = await listRepos(reg.admin, `namespace=${ns}&pageSize=3`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(names(first.body)).toEqual([`${ns}/alpha`, `${ns}/beta`, `${ns}/gamma`]);
    expect(first.body.items[1]).toMatchObject({ namespace: ns, visibility: 'private', summary: '', tagCount: 2 });
    expect(first.body.items[1].lastPushedAt).not.toBeNull();
    const second = await listRepos(reg.admin, `namespace=${ns}&pageSize=3&page=2`);
    expect(names(second.body)).toEqual([`${ns}/tools/delta`]);
    const beyond = await listRepos(reg.admin, `namespace=${ns}&pageSize=3&page=9`);
    expect(beyond.body).toMatchObject({ items: [], total: 4 });
  });

  it('filters by text and visibility and sorts by last push', async () => {
    expect(names((await listRepos(reg.admin, `q=${ns}/ALP`)).body)).toEqual([`${ns}/alpha`]);
    expect(names((await listRepos(reg.admin, 'q=alpha')).body)).toEqual(expect.arrayContaining([`${ns}/alpha`, `${other}/alpha`]));
    expect((await listRepos(reg.admin, `q=${ns}%25`)).body.total).toBe(0); // % is literal
    expect(names((await listRepos(reg.admin, `namespace=${ns}&visibility=public`)).body)).toEqual([`${ns}/alpha`, `${ns}/tools/delta`]);
    const byPush = await listRepos(reg.admin, `namespace=${ns}&sort=lastPush`);
    expect(names(byPush.body).slice(0, 2)).toEqual([`${ns}/beta`, `${ns}/gamma`]);
    const byPushAsc = await listRepos(reg.admin, `namespace=${ns}&sort=lastPush&order=asc`);
    expect(names(byPushAsc.body).slice(0, 2)).toEqual([`${ns}/gamma`, `${ns}/beta`]);
    const desc = await listRepos(reg.admin, `namespace=${ns}&order=desc`);
    expect(names(desc.body)[0]).toBe(`${ns}/tools/delta`);
  });

  it('answers field errors for bad query parameters', async () => {
    const bad = await listRepos(reg.admin, 'pageSize=500&page=0&sort=size&visibility=secret');
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body)).toEqual(['page', 'pageSize', 'sort', 'visibility']);
  });

  it('lists only what the caller can read: anonymous public, users their grants too', async () => {
    const anon = await listRepos(null, `namespace=${ns}`);
    expect(anon.status).toBe(200);
    expect(names(anon.body)).toEqual([`${ns}/alpha`, `${ns}/tools/delta`]);
    expect(anon.body.total).toBe(2);
    const user = await reg.createUser();
    await grant(user, { repository: `${ns}/gamma` }, 'READ');
    expect(names((await listRepos(user, `namespace=${ns}`)).body)).toEqual([`${ns}/alpha`, `${ns}/gamma`, `${ns}/tools/delta`]);
    expect((await listRepos(user, `namespace=${other}`)).body.total).toBe(0);
    const member = await reg.createUser();
    await grant(member, { namespace: other }, 'READ');
    expect(names((await listRepos(member, `namespace=${other}`)).body)).toEqual([`${other}/alpha`]);
  });

  it('applies policies: an Allow reaches matching repositories, a Deny hides them even from an admin', async () => {
    const user = await reg.createUser();
    await attachPolicy(user, [{ Effect: 'Allow', Action: 'cr:GetRepository', Resource: `acs:cr:*:*:repository/${ns}/g*` }]);
    expect(names((await listRepos(user, `namespace=${ns}`)).body)).toEqual([`${ns}/alpha`, `${ns}/gamma`, `${ns}/tools/delta`]);
    expect((await getRepo(user, `${ns}/gamma`)).status).toBe(200);

    const readOnly = await reg.createUser();
    await reg.app.db.userPolicy.create({ data: { userId: readOnly.id, policyName: 'ReadOnlyAccess' } });
    expect((await listRepos(readOnly, `namespace=${ns}`)).body.total).toBe(4);

    const admin = await reg.createUser({ admin: true });
    await attachPolicy(admin, [{ Effect: 'Deny', Action: 'cr:*', Resource: `acs:cr:*:*:repository/${ns}/beta` }]);
    const listed = await listRepos(admin, `namespace=${ns}`);
    expect(names(listed.body)).toEqual([`${ns}/alpha`, `${ns}/gamma`, `${ns}/tools/delta`]);
    expect(listed.body.total).toBe(3);
    expect((await getRepo(admin, `${ns}/beta`)).status).toBe(404);
  });

  it('honours the namespaces an access token is limited to', async () => {
    const user = await reg.createUser();
    await grant(user, { namespace: ns }, 'READ');
    await grant(user, { namespace: other }, 'READ');
    const secret = generateTokenSecret();
    await reg.app.db.accessToken.create({
      data: { userId: user.id, name: 'ci', tokenHash: hashTokenSecret(secret), prefix: displayPrefix(secret), namespaces: [other] },
    });
    const all = await listRepos(user, '');
    expect(all.body.items.map((r: { namespace: string }) => r.namespace)).toEqual(expect.arrayContaining([ns, other]));
    const limited = await callApi(reg, repositoriesRoute.GET, { path: '/api/v1/repositories', as: { authorization: `Bearer ${secret}` } });
    expect(limited.status).toBe(200);
    expect(new Set(limited.body.items.map((r: { namespace: string }) => r.namespace))).toEqual(new Set([other]));
  });
});
