// OCI Distribution Spec 1.1 answers: a manifest reference that is neither a tag nor a digest names no manifest
// (404 on GET/HEAD, 400 TAG_INVALID on PUT), and a mount without `from` finds the blob in any repository the caller
// may read, or opens an ordinary upload session.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { OciClient, errorCode, putManifest, buildImageManifest, randomRepo, sha256, useAdminClient } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';

const reg = useTestRegistry();
const admin = useAdminClient(reg);

const INVALID = ['.INVALID_NAME', '-bad', 'bad!tag', 'a'.repeat(129), 'sha256:abc', `sha256:${'A'.repeat(64)}`, 'md5:0123456789abcdef'];

describe('manifest references that are neither a tag nor a digest', () => {
  it('answer GET and HEAD with 404 MANIFEST_UNKNOWN', async () => {
    const name = randomRepo();
    await admin.pushImage(name, 'v1');
    for (const reference of INVALID) {
      const get = await admin.fetch(`/v2/${name}/manifests/${encodeURIComponent(reference)}`);
      expect(get.status, reference).toBe(404);
      expect(await errorCode(get), reference).toBe('MANIFEST_UNKNOWN');
      const head = await admin.fetch(`/v2/${name}/manifests/${encodeURIComponent(reference)}`, { method: 'HEAD' });
      expect(head.status, reference).toBe(404);
    }
  });

  it('ask anonymous callers of a private repository to authenticate first, as for any manifest', async () => {
    const name = randomRepo();
    await admin.pushImage(name, 'v1');
    const res = await new OciClient(reg, null).fetch(`/v2/${name}/manifests/.INVALID_NAME`);
    expect(res.status).toBe(401);
  });

  it('answer PUT of an invalid tag with 400 TAG_INVALID', async () => {
    const name = randomRepo();
    const manifest = await buildImageManifest(admin, name);
    for (const tag of ['.INVALID_NAME', '-bad', 'bad!tag', 'a'.repeat(129)]) {
      const { res } = await putManifest(admin, name, tag, manifest);
      expect(res.status, tag).toBe(400);
      expect(await errorCode(res), tag).toBe('TAG_INVALID');
    }
  });
});

describe('mount without from', () => {
  let owner: TestUser;
  let source: string;
  let blob: Buffer;

  beforeAll(async () => {
    // A private repository holding a blob, and a user with write access to a namespace of their own.
    source = randomRepo();
    blob = randomBytes(4096);
    await admin.pushBlob(source, blob);
    await admin.pushImage(source, 'v1', { layers: [blob] });
    owner = await reg.createUser();
  });

  async function writableRepo(user: TestUser): Promise<string> {
    const name = randomRepo();
    const namespace = await reg.app.db.namespace.create({ data: { name: name.split('/')[0]!, ownerId: user.id } });
    expect(namespace.id).toBeTruthy();
    return name;
  }

  const mount = (c: OciClient, name: string, digest: string) => c.fetch(`/v2/${name}/blobs/uploads/?mount=${digest}`, { method: 'POST' });

  async function expectSession(res: Response, name: string) {
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/v2/${name}/blobs/uploads/[^/]+$`));
    expect(res.headers.get('docker-upload-uuid')).toBeTruthy();
  }

  it('mounts (201) from a repository the caller may read', async () => {
    const reader = await reg.createUser();
    const src = await reg.app.db.repository.findUniqueOrThrow({ where: { name: source } });
    await reg.app.db.repositoryPermission.create({ data: { repositoryId: src.id, userId: reader.id, level: 'READ' } });
    const c = new OciClient(reg, reader);
    const target = await writableRepo(reader);
    const digest = sha256(blob);
    const res = await mount(c, target, digest);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v2/${target}/blobs/${digest}`);
    expect(res.headers.get('docker-content-digest')).toBe(digest);
    const read = await c.fetch(`/v2/${target}/blobs/${digest}`);
    expect(read.status).toBe(200);
    expect(Buffer.from(await read.arrayBuffer()).equals(blob)).toBe(true);
  });

  it('mounts from a public repository for any user who may push', async () => {
    const publicRepo = randomRepo();
    const data = randomBytes(512);
    await admin.pushBlob(publicRepo, data);
    await reg.app.db.repository.update({ where: { name: publicRepo }, data: { visibility: 'PUBLIC' } });
    const user = await reg.createUser();
    const target = await writableRepo(user);
    expect((await mount(new OciClient(reg, user), target, sha256(data))).status).toBe(201);
  });

  it('opens an upload session (202) when the blob is only in repositories the caller may not read', async () => {
    const c = new OciClient(reg, owner);
    const target = await writableRepo(owner);
    const digest = sha256(blob);
    await expectSession(await mount(c, target, digest), target);
    expect((await c.fetch(`/v2/${target}/blobs/${digest}`, { method: 'HEAD' })).status).toBe(404);
    expect(await reg.app.db.repositoryBlob.count({ where: { repository: { name: target } } })).toBe(0);
  });

  it('opens an upload session (202) for a blob that exists nowhere, and that session takes the blob', async () => {
    const c = new OciClient(reg, owner);
    const target = await writableRepo(owner);
    const data = randomBytes(1000);
    const res = await mount(c, target, sha256(data));
    await expectSession(res, target);
    const put = await c.fetch(`${res.headers.get('location')!}?digest=${sha256(data)}`, {
      method: 'PUT',
      body: data as unknown as BodyInit,
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(put.status).toBe(201);
  });

  it('opens an upload session (202) for a malformed digest', async () => {
    const c = new OciClient(reg, owner);
    const target = await writableRepo(owner);
    await expectSession(await mount(c, target, 'sha256:nothex'), target);
  });

  it('honours a bearer token: pull must be granted on the source too', async () => {
    const reader = await reg.createUser();
    const src = await reg.app.db.repository.findUniqueOrThrow({ where: { name: source } });
    await reg.app.db.repositoryPermission.create({ data: { repositoryId: src.id, userId: reader.id, level: 'READ' } });
    const target = await writableRepo(reader);
    const token = async (scope: string) => {
      const url = `${reg.url}/auth/token?service=berth-registry&scope=${encodeURIComponent(scope)}`;
      const res = await fetch(url, { headers: { Authorization: reg.basic(reader) } });
      return `Bearer ${((await res.json()) as { token: string }).token}`;
    };
    const path = `${reg.url}/v2/${target}/blobs/uploads/?mount=${sha256(blob)}`;
    const narrow = await fetch(path, { method: 'POST', headers: { Authorization: await token(`repository:${target}:pull,push`) } });
    expect(narrow.status).toBe(202);
    const wide = await fetch(path, {
      method: 'POST',
      headers: { Authorization: await token(`repository:${target}:pull,push repository:${source}:pull`) },
    });
    expect(wide.status).toBe(201);
  });
});
