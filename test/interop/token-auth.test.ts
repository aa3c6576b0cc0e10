// The Docker token flow as skopeo drives it (`GET /v2/` → 401 Bearer challenge → token endpoint with Basic
// credentials → bearer token), for users with and without grants, and personal access tokens as passwords.
import { beforeAll, describe, expect, it } from 'vitest';
import { skopeoCopy, skopeoCopyOk, skopeoInspect, type Creds } from '../support/clients';
import { randomName } from '../support/database';
import { buildImage, type BuiltImage } from '../support/images';
import { useTestRegistry, type TestUser } from '../support/registry';
import { useTempDirs } from '../support/temp-dirs';
import { requireTool } from '../support/tools';
import { displayPrefix, generateTokenSecret, hashTokenSecret } from '@/lib/services/tokens/token-secret';
import { clientError, randomRepoName, readDirImage, readLayoutBlob, sha256Of, type ImageManifest } from './helpers';

const DENIED = 'denied: requested access to the resource is denied';

const reg = useTestRegistry();
let image: BuiltImage;
/** An image none of whose blobs is in the registry yet, so a push of it must upload them. */
let fresh: BuiltImage;
/** A private repository the admin pushed `base` to; users get grants on it. */
let repo: { id: string; name: string; digest: string };
const dirs = useTempDirs();

beforeAll(async () => {
  for (const tool of ['skopeo', 'umoci', 'unshare']) requireTool(tool);
  const layout = await dirs.make();
  image = await buildImage({ dir: layout, tag: 'src', layers: [{ files: { 'etc/motd': `${randomName()}\n` } }] });
  fresh = await buildImage({ dir: layout, tag: 'fresh', layers: [{ files: { 'etc/fresh': `${randomName()}\n` } }] });
  const name = randomRepoName();
  await skopeoCopyOk(image.ref, `docker://${reg.host}/${name}:base`, { creds: reg.admin });
  const row = await reg.app.db.repository.findUniqueOrThrow({ where: { name } });
  expect(row.visibility).toBe('PRIVATE');
  repo = { id: row.id, name, digest: image.digest };
});

const ref = (tag: string, name = repo.name) => `docker://${reg.host}/${name}:${tag}`;

async function userWith(level: 'READ' | 'WRITE' | 'ADMIN' | null): Promise<TestUser> {
  const user = await reg.createUser();
  if (level) await reg.app.db.repositoryPermission.create({ data: { repositoryId: repo.id, userId: user.id, level } });
  return user;
}

async function createToken(user: TestUser, readOnly: boolean): Promise<{ id: string; creds: Creds }> {
  const secret = generateTokenSecret();
  const row = await reg.app.db.accessToken.create({
    data: { userId: user.id, name: randomName('pat'), tokenHash: hashTokenSecret(secret), prefix: displayPrefix(secret), readOnly },
  });
  return { id: row.id, creds: { username: user.username, password: secret } };
}

const push = (tag: string, creds: Creds, from = image) => skopeoCopy(from.ref, ref(tag), { creds });

/** Whether the registry holds `digest` as a blob of the test repository (asked as admin, over HTTP Basic). */
async function hasBlob(digest: string): Promise<boolean> {
  const res = await fetch(`${reg.url}/v2/${repo.name}/blobs/${digest}`, { method: 'HEAD', headers: { Authorization: reg.basic(reg.admin) } });
  return res.status === 200;
}

/** The layer digests of a built image (read from its layout). */
async function layerDigests(built: BuiltImage): Promise<string[]> {
  const manifest = JSON.parse((await readLayoutBlob(built.layout, built.digest)).toString('utf8')) as ImageManifest;
  return manifest.layers.map((l) => l.digest);
}

/** A push that must be refused both where the blobs exist already (at the manifest) and where they must be uploaded. */
async function expectPushDenied(creds: Creds) {
  const tag = randomName('denied');
  const known = await push(tag, creds);
  expect(known.code).not.toBe(0);
  expect(clientError(known.stderr)).toContain(DENIED);
  expect(await storedDigest(tag)).toBeUndefined();

  const uploading = await push(tag, creds, fresh);
  expect(uploading.code).not.toBe(0);
  expect(clientError(uploading.stderr)).toContain(DENIED);
  for (const digest of await layerDigests(fresh)) expect(await hasBlob(digest)).toBe(false);
  expect(await storedDigest(tag)).toBeUndefined();
}

/** Pulls `tag` into a fresh directory; on success checks the manifest digest. */
async function pull(tag: string, creds: Creds | undefined, name = repo.name) {
  const out = await dirs.make('berth-pull-');
  const res = await skopeoCopy(ref(tag, name), `dir:${out}`, { creds });
  if (res.code === 0) expect((await readDirImage(out)).manifestDigest).toBe(image.digest);
  return res;
}

/** The digest the registry holds for `tag`, read as admin (undefined when there is none). */
async function storedDigest(tag: string): Promise<string | undefined> {
  const res = await skopeoInspect(ref(tag), { creds: reg.admin, raw: true });
  return res.code === 0 ? sha256Of(res.stdout) : undefined;
}

describe('password credentials through the token flow', () => {
  it('challenges anonymous clients with a Bearer realm on this server', async () => {
    const res = await fetch(`${reg.url}/v2/`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="${reg.url}/auth/token",service="berth-registry"`);
  });

  it('lets a user with a WRITE grant push and pull', async () => {
    const writer = await userWith('WRITE');
    const tag = randomName('w');
    const pushed = await push(tag, writer);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(await storedDigest(tag)).toBe(image.digest);
    const pulled = await pull(tag, writer);
    expect(pulled.code, pulled.stderr).toBe(0);
  });

  it('lets a user with a READ grant pull but not push', async () => {
    const reader = await userWith('READ');
    const pulled = await pull('base', reader);
    expect(pulled.code, pulled.stderr).toBe(0);
    await expectPushDenied(reader);
  });

  it('gives a user without a grant the same error for a private repository as for a missing one', async () => {
    const stranger = await userWith(null);
    const hidden = await pull('base', stranger);
    expect(hidden.code).not.toBe(0);
    const error = clientError(hidden.stderr);
    expect(error).toContain(DENIED);

    const namespace = repo.name.split('/')[0];
    for (const missing of [`${namespace}/${randomName('missing')}`, randomRepoName()]) {
      const res = await pull('base', stranger, missing);
      expect(res.code).not.toBe(0);
      // Only the repository name may differ between the two messages.
      expect(clientError(res.stderr).replaceAll(missing, '<repo>')).toBe(error.replaceAll(repo.name, '<repo>'));
    }
  });

  it('refuses a wrong password', async () => {
    const writer = await userWith('WRITE');
    const res = await pull('base', { username: writer.username, password: `${writer.password}x` });
    expect(res.code).not.toBe(0);
    expect(clientError(res.stderr)).toMatch(/\bunauthorized\b/);
  });
});

describe('personal access tokens as the password', () => {
  it('push and pull, then fail with unauthorized once revoked', async () => {
    const writer = await userWith('WRITE');
    const token = await createToken(writer, false);
    const tag = randomName('pat');
    const pushed = await push(tag, token.creds);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(await storedDigest(tag)).toBe(image.digest);
    expect((await pull(tag, token.creds)).code).toBe(0);

    await reg.app.db.accessToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });

    const again = await push(randomName('pat'), token.creds);
    expect(again.code).not.toBe(0);
    expect(clientError(again.stderr)).toMatch(/\bunauthorized\b/);
    const pullAgain = await pull(tag, token.creds);
    expect(pullAgain.code).not.toBe(0);
    expect(clientError(pullAgain.stderr)).toMatch(/\bunauthorized\b/);
    // The user's password is unaffected.
    expect((await pull(tag, writer)).code).toBe(0);
  });

  it('a read-only token pulls but cannot push, even for a user who may write', async () => {
    const writer = await userWith('WRITE');
    const token = await createToken(writer, true);
    const pulled = await pull('base', token.creds);
    expect(pulled.code, pulled.stderr).toBe(0);
    await expectPushDenied(token.creds);
  });
});
