import { describe, expect, it } from 'vitest';
import * as repoPermissionsRoute from '@/app/api/v1/repositories/[namespace]/[repository]/permissions/route';
import * as repoPermissionRoute from '@/app/api/v1/repositories/[namespace]/[repository]/permissions/[username]/route';
import * as nsPermissionsRoute from '@/app/api/v1/namespaces/[namespace]/permissions/route';
import * as nsPermissionRoute from '@/app/api/v1/namespaces/[namespace]/permissions/[username]/route';
import * as repositoryRoute from '@/app/api/v1/repositories/[namespace]/[repository]/route';
import { callApi, fieldPaths, repoParams } from '../../support/api';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';

const reg = useTestRegistry();

type As = TestUser | null;

const repoApi = {
  list: (as: As, repo: string) => callApi(reg, repoPermissionsRoute.GET, { path: '/', params: repoParams(repo), as }),
  put: (as: As, repo: string, username: string, body: unknown) =>
    callApi(reg, repoPermissionRoute.PUT, { method: 'PUT', path: '/', params: { ...repoParams(repo), username }, as, body }),
  del: (as: As, repo: string, username: string) =>
    callApi(reg, repoPermissionRoute.DELETE, { method: 'DELETE', path: '/', params: { ...repoParams(repo), username }, as }),
};

const nsApi = {
  list: (as: As, namespace: string) => callApi(reg, nsPermissionsRoute.GET, { path: '/', params: { namespace }, as }),
  put: (as: As, namespace: string, username: string, body: unknown) =>
    callApi(reg, nsPermissionRoute.PUT, { method: 'PUT', path: '/', params: { namespace, username }, as, body }),
  del: (as: As, namespace: string, username: string) =>
    callApi(reg, nsPermissionRoute.DELETE, { method: 'DELETE', path: '/', params: { namespace, username }, as }),
};

/** Pulls the manifest of `repo:tag` over the registry protocol as `user`; the HTTP status. */
async function pullStatus(user: TestUser, repo: string, tag = 'v1'): Promise<number> {
  const res = await new OciClient(reg, user).fetch(`/v2/${repo}/manifests/${tag}`, { headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' } });
  await res.arrayBuffer();
  return res.status;
}

describe('repository permissions API', () => {
  it('grants, changes and revokes a level, with effect on the registry protocol', async () => {
    const repo = `${randomName('ns')}/app`;
    await new OciClient(reg, reg.admin).pushImage(repo, 'v1');
    const user = await reg.createUser();
    expect(await pullStatus(user, repo)).toBe(404);

    const granted = await repoApi.put(reg.admin, repo, user.username, { level: 'read' });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ username: user.username, level: 'read' });
    const listed = await repoApi.list(reg.admin, repo);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([{ username: user.username, level: 'read', createdAt: expect.any(String) }]);
    expect(await pullStatus(user, repo)).toBe(200);
    await expect(new OciClient(reg, user).pushImage(repo, 'v2')).rejects.toThrow(/403/);

    const changed = await repoApi.put(reg.admin, repo, user.username, { level: 'write' });
    expect(changed.body.level).toBe('write');
    await new OciClient(reg, user).pushImage(repo, 'v2');
    expect((await repoApi.list(reg.admin, repo)).body.items).toHaveLength(1);

    const revoked = await repoApi.del(reg.admin, repo, user.username);
    expect(revoked.status).toBe(204);
    expect((await repoApi.list(reg.admin, repo)).body.items).toEqual([]);
    expect(await pullStatus(user, repo)).toBe(404);
    expect((await repoApi.del(reg.admin, repo, user.username)).status).toBe(204); // nothing left to revoke

    const audit = await reg.app.db.auditEvent.findMany({ where: { action: 'cr:ManagePermission', resource: `repository/${repo}` }, orderBy: { id: 'asc' } });
    expect(audit.map((e) => e.detail)).toEqual([
      { op: 'grant', username: user.username, level: 'read' },
      { op: 'grant', username: user.username, level: 'write' },
      { op: 'revoke', username: user.username },
    ]);
  });

  it('answers field errors for a bad level and an unknown user', async () => {
    const repo = `${randomName('ns')}/app`;
    await new OciClient(reg, reg.admin).pushImage(repo, 'v1');
    const user = await reg.createUser();
    const bad = await repoApi.put(reg.admin, repo, user.username, { level: 'owner' });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body)).toEqual(['level']);
    const upper = await repoApi.put(reg.admin, repo, user.username, { level: 'READ', extra: 1 });
    expect(upper.status).toBe(400);
    const unknown = await repoApi.put(reg.admin, repo, randomName('nobody'), { level: 'read' });
    expect(unknown.status).toBe(404);
    expect(fieldPaths(unknown.body)).toEqual(['username']);
    expect((await repoApi.del(reg.admin, repo, randomName('nobody'))).status).toBe(404);
  });

  it('lets a repository admin manage grants; readers get 403, strangers 404, anonymous 401', async () => {
    const repo = `${randomName('ns')}/app`;
    await new OciClient(reg, reg.admin).pushImage(repo, 'v1');
    const manager = await reg.createUser();
    const reader = await reg.createUser();
    const stranger = await reg.createUser();
    await repoApi.put(reg.admin, repo, manager.username, { level: 'admin' });
    await repoApi.put(reg.admin, repo, reader.username, { level: 'read' });

    expect((await repoApi.put(manager, repo, stranger.username, { level: 'read' })).status).toBe(200);
    expect(await pullStatus(stranger, repo)).toBe(200);
    expect((await repoApi.del(manager, repo, stranger.username)).status).toBe(204);

    expect((await repoApi.list(reader, repo)).status).toBe(403);
    expect((await repoApi.put(reader, repo, reader.username, { level: 'admin' })).status).toBe(403);
    const hidden = await repoApi.list(stranger, repo);
    const missing = await repoApi.list(stranger, `${repo}-missing`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect((await repoApi.put(stranger, repo, stranger.username, { level: 'admin' })).status).toBe(404);
    expect((await repoApi.list(null, repo)).status).toBe(401);
  });

  it('makes a private repository visible in the REST API to a grantee', async () => {
    const repo = `${randomName('ns')}/app`;
    await new OciClient(reg, reg.admin).pushImage(repo, 'v1');
    const user = await reg.createUser();
    const get = () => callApi(reg, repositoryRoute.GET, { path: '/', params: repoParams(repo), as: user });
    expect((await get()).status).toBe(404);
    await repoApi.put(reg.admin, repo, user.username, { level: 'read' });
    expect((await get()).status).toBe(200);
  });
});

describe('namespace permissions API', () => {
  it('grants a namespace level that reaches every repository in it, and revokes it', async () => {
    const ns = randomName('ns');
    await new OciClient(reg, reg.admin).pushImage(`${ns}/a`, 'v1');
    await new OciClient(reg, reg.admin).pushImage(`${ns}/b/c`, 'v1');
    const user = await reg.createUser();

    const granted = await nsApi.put(reg.admin, ns, user.username, { level: 'read' });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ username: user.username, level: 'read' });
    expect((await nsApi.list(reg.admin, ns)).body.items).toEqual([{ username: user.username, level: 'read', createdAt: expect.any(String) }]);
    expect(await pullStatus(user, `${ns}/a`)).toBe(200);
    expect(await pullStatus(user, `${ns}/b/c`)).toBe(200);
    await expect(new OciClient(reg, user).pushImage(`${ns}/a`, 'v2')).rejects.toThrow(/403/);

    // write: pushes, and creates repositories by pushing to a new name.
    await nsApi.put(reg.admin, ns, user.username, { level: 'write' });
    await new OciClient(reg, user).pushImage(`${ns}/new`, 'v1');
    expect(await reg.app.db.repository.count({ where: { name: `${ns}/new` } })).toBe(1);

    expect((await nsApi.del(reg.admin, ns, user.username)).status).toBe(204);
    expect(await pullStatus(user, `${ns}/a`)).toBe(404);
    const audit = await reg.app.db.auditEvent.count({ where: { action: 'cr:ManagePermission', resource: `namespace/${ns}`, outcome: 'allowed' } });
    expect(audit).toBe(3);
  });

  it('lets namespace admins manage grants; members below admin get 403, strangers 404', async () => {
    const ns = randomName('ns');
    await new OciClient(reg, reg.admin).pushImage(`${ns}/a`, 'v1');
    const nsAdmin = await reg.createUser();
    const writer = await reg.createUser();
    const stranger = await reg.createUser();
    await nsApi.put(reg.admin, ns, nsAdmin.username, { level: 'admin' });
    await nsApi.put(reg.admin, ns, writer.username, { level: 'write' });

    expect((await nsApi.list(nsAdmin, ns)).body.items.map((p: { username: string }) => p.username).sort()).toEqual(
      [nsAdmin.username, writer.username].sort(),
    );
    expect((await nsApi.put(nsAdmin, ns, stranger.username, { level: 'read' })).status).toBe(200);
    expect((await nsApi.del(nsAdmin, ns, stranger.username)).status).toBe(204);

    expect((await nsApi.list(writer, ns)).status).toBe(403);
    expect((await nsApi.put(writer, ns, writer.username, { level: 'admin' })).status).toBe(403);
    const hidden = await nsApi.list(stranger, ns);
    const missing = await nsApi.list(stranger, randomName('ns'));
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect((await nsApi.list(null, ns)).status).toBe(401);

    const bad = await nsApi.put(nsAdmin, ns, stranger.username, {});
    expect(fieldPaths(bad.body)).toEqual(['level']);
    const unknown = await nsApi.put(nsAdmin, ns, randomName('nobody'), { level: 'read' });
    expect(unknown.status).toBe(404);
    expect(fieldPaths(unknown.body)).toEqual(['username']);
  });
});
