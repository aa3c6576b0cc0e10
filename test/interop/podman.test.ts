// podman against Berth: login into an auth file, push and pull with it, anonymous pulls of public and private
// repositories.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectOk,
  podmanLogin,
  podmanLoginOk,
  podmanPull,
  podmanPullOk,
  podmanPushOk,
  podmanStore,
  skopeoCopyOk,
  skopeoInspect,
} from '../support/clients';
import { randomName } from '../support/database';
import { buildImage, type BuiltImage } from '../support/images';
import { useTestRegistry } from '../support/registry';
import { useTempDirs } from '../support/temp-dirs';
import { requireTool } from '../support/tools';
import { clientError, podmanRaw, randomRepoName, sha256Of, type ImageManifest } from './helpers';

const reg = useTestRegistry();
let image: BuiltImage;
const dirs = useTempDirs();

beforeAll(async () => {
  for (const tool of ['podman', 'skopeo', 'umoci', 'unshare']) requireTool(tool);
  image = await buildImage({
    dir: await dirs.make(),
    tag: 'src',
    busybox: true,
    layers: [{ files: { 'etc/motd': `podman ${randomRepoName()}\n` } }],
  });
});

const adminCreds = () => ({ username: reg.admin.username, password: reg.admin.password });

/** The manifest the registry holds for `name:tag`, its digest and its config digest (podman's image ID). */
async function stored(name: string, tag: string) {
  const res = expectOk(await skopeoInspect(`docker://${reg.host}/${name}:${tag}`, { creds: adminCreds(), raw: true }));
  const manifest = JSON.parse(res.stdout) as ImageManifest;
  return { digest: sha256Of(res.stdout), configDigest: manifest.config.digest };
}

/** Pushes the test image to `name:tag` as admin with skopeo (creating the namespace and repository). */
async function seed(name: string, tag: string) {
  await skopeoCopyOk(image.ref, `docker://${reg.host}/${name}:${tag}`, { creds: adminCreds() });
  return stored(name, tag);
}

describe('podman login, push and pull', () => {
  it('logs in into an auth file, pushes, and pulls the same image into another store', async () => {
    const authfile = path.join(await dirs.make('berth-auth-'), 'auth.json');
    const login = await podmanLoginOk(reg.host, { ...adminCreds(), authfile });
    expect(login.stdout).toContain('Login Succeeded');
    const auths = (JSON.parse(await readFile(authfile, 'utf8')) as { auths: Record<string, { auth: string }> }).auths;
    expect(Buffer.from(auths[reg.host].auth, 'base64').toString()).toBe(`${reg.admin.username}:${reg.admin.password}`);

    const name = randomRepoName();
    const target = `${reg.host}/${name}:v1`;
    const pusher = podmanStore(await dirs.make('berth-podman-'));
    await podmanPullOk(image.ref, { store: pusher, tagAs: target });
    await podmanPushOk(target, { store: pusher, authfile });
    const pushed = await stored(name, 'v1');

    const puller = podmanStore(await dirs.make('berth-podman-'));
    const pulled = await podmanPullOk(target, { store: puller, authfile });
    // podman's image ID is the config digest; the manifest digest is what it recorded for the pull.
    expect(`sha256:${pulled.imageId}`).toBe(pushed.configDigest);
    const inspect = expectOk(await podmanRaw(puller, ['image', 'inspect', '--format', '{{.Digest}}', target]));
    expect(inspect.stdout.trim()).toBe(pushed.digest);

    // The same image by digest, in a third store.
    const byDigest = await podmanPullOk(`${reg.host}/${name}@${pushed.digest}`, {
      store: podmanStore(await dirs.make('berth-podman-')),
      authfile,
    });
    expect(`sha256:${byDigest.imageId}`).toBe(pushed.configDigest);
  });

  it('refuses a login with a wrong password', async () => {
    const authfile = path.join(await dirs.make('berth-auth-'), 'auth.json');
    const res = await podmanLogin(reg.host, { username: reg.admin.username, password: 'not-the-password', authfile });
    expect(res.code).not.toBe(0);
    expect(clientError(res.stderr)).toBe(`Error: logging into "${reg.host}": invalid username/password`);
  });
});

describe('anonymous pulls', () => {
  it('pulls a PUBLIC repository without logging in', async () => {
    const name = randomRepoName();
    const pushed = await seed(name, 'pub');
    await reg.app.db.repository.update({ where: { name }, data: { visibility: 'PUBLIC' } });

    // The store's auth file is empty: podman goes through the token flow with no credentials.
    const store = podmanStore(await dirs.make('berth-podman-'));
    const pulled = await podmanPullOk(`${reg.host}/${name}:pub`, { store });
    expect(`sha256:${pulled.imageId}`).toBe(pushed.configDigest);
  });

  it('cannot pull a private repository without logging in', async () => {
    const name = randomRepoName();
    await seed(name, 'priv');
    const store = podmanStore(await dirs.make('berth-podman-'));
    const res = await podmanPull(`${reg.host}/${name}:priv`, { store });
    expect(res.code).not.toBe(0);
    // containers/image prints each registry error on its own line: the body's UNAUTHORIZED is `unauthorized`.
    const error = clientError(res.stderr);
    expect(error).toMatch(/^unauthorized\b/m);
    expect(res.imageId).toBeUndefined();

    // …exactly as for a repository that does not exist: an anonymous caller learns nothing from the difference.
    const missing = `${name.split('/')[0]}/${randomName('missing')}`;
    const other = await podmanPull(`${reg.host}/${missing}:priv`, { store });
    expect(other.code).not.toBe(0);
    expect(clientError(other.stderr).replaceAll(missing, '<repo>')).toBe(error.replaceAll(name, '<repo>'));
  });
});
