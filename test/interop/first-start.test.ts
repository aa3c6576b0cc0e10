// A first start wherever the checkout lies and whoever starts it: as root from a directory only root may enter
// (where the embedded Postgres, which runs as the postgres user, can reach neither its binaries nor the data
// directory), and as an unprivileged user from a checkout it cannot write, with BERTH_DATA_DIR elsewhere. Each
// boots as in production (test/support/registry-process.ts: embedded Postgres, migrations, first admin), then
// takes a push and serves a pull with skopeo. The console build is not part of this: it does not touch Postgres.
//
// The checkout is a copy of the sources; node_modules is bind-mounted into it in a private mount namespace, so the
// Postgres binaries really lie inside the copy's directory, as after `git clone && npm install` there.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skopeoCopyOk } from '../support/clients';
import { randomName } from '../support/database';
import { buildImage, type BuiltImage } from '../support/images';
import { useTempDirs } from '../support/temp-dirs';
import { requireTool, run } from '../support/tools';
import { findFreePort } from '@/lib/server/free-port';
import { randomRepoName, readDirImage } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCES = ['lib', 'scripts', 'server.ts', 'prisma', 'prisma.config.ts', 'package.json', 'tsconfig.json', 'test/support'];
const START_TIMEOUT_MS = 120_000;

const dirs = useTempDirs();
let image: BuiltImage;
const users: string[] = [];
const clusters: string[] = [];
/** Servers a failed test left running: stopped before their users and directories are removed. */
const running = new Set<Started>();

beforeAll(async () => {
  for (const tool of ['skopeo', 'umoci', 'unshare', 'mount', 'setpriv', 'useradd', 'userdel']) requireTool(tool);
  expect(process.getuid?.(), 'these tests start Berth as root and as another user').toBe(0);
  image = await buildImage({ dir: await dirs.make(), tag: 'first', layers: [{ files: { 'etc/first': `${randomName()}\n` } }] });
});

afterAll(async () => {
  for (const s of running) await stop(s).catch(() => s.child.kill('SIGKILL'));
  for (const user of users) spawnSync('userdel', [user]);
  for (const dir of clusters) rmSync(dir, { recursive: true, force: true });
});

/** A checkout of Berth in `parent`, owned by root; node_modules is a mount point filled at start. */
function makeCheckout(parent: string): string {
  const checkout = path.join(parent, 'berth');
  for (const s of SOURCES) cpSync(path.join(ROOT, s), path.join(checkout, s), { recursive: true });
  mkdirSync(path.join(checkout, 'node_modules'));
  return checkout;
}

/** A checkout in a directory anyone may enter, owned by root and not writable by others (as after an admin's clone). */
async function sharedCheckout(): Promise<string> {
  const parent = await dirs.make('berth-shared-');
  chmodSync(parent, 0o755);
  return makeCheckout(parent);
}

/**
 * `unshare` arguments that run a TypeScript entry point of the checkout (as `user` when given) with the real
 * node_modules bind-mounted into it, in a mount namespace of its own.
 */
function inCheckout(checkout: string, user: { uid: number; gid: number } | undefined, entry: string[]): string[] {
  const drop = user ? ['setpriv', `--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups'] : [];
  const script = 'mount --bind "$1" "$2/node_modules" && cd "$2" && shift 2 && exec "$@"';
  return ['-m', 'sh', '-c', script, 'sh', path.join(ROOT, 'node_modules'), checkout, ...drop, process.execPath, '--import', 'tsx', ...entry];
}

interface Started {
  child: ChildProcess;
  host: string;
  output: () => string;
  exited: Promise<number | string | null>;
}

/** Starts the checkout's registry process, as `user` when given, and resolves once it listens. */
async function start(checkout: string, dataDir: string, password: string, user?: { uid: number; gid: number }): Promise<Started> {
  const port = await findFreePort();
  const child = spawn(
    'unshare',
    inCheckout(checkout, user, ['test/support/registry-process.ts']),
    {
      env: { ...process.env, DATABASE_URL: '', BERTH_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', BERTH_ADMIN_PASSWORD: password, HOME: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    child.stdout!.on('data', () => {
      if (/listening on http/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`exited (${how}) before listening:\n${output}`));
    });
  });
  const started = { child, host: `127.0.0.1:${port}`, output: () => output, exited };
  running.add(started);
  return started;
}

async function stop(s: Started): Promise<void> {
  running.delete(s);
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 30_000);
  expect(await s.exited, s.output()).toBe(0);
  clearTimeout(timer);
}

/** Pushes the test image and pulls it back; the pulled manifest must be the pushed one. */
async function pushAndPull(host: string, password: string, name = randomRepoName()): Promise<string> {
  const creds = { username: 'admin', password };
  await skopeoCopyOk(image.ref, `docker://${host}/${name}:v1`, { creds });
  await pull(host, password, name);
  return name;
}

async function pull(host: string, password: string, name: string): Promise<void> {
  const out = path.join(await dirs.make(), 'pulled');
  await skopeoCopyOk(`docker://${host}/${name}:v1`, `dir:${out}`, { creds: { username: 'admin', password } });
  const pulled = await readDirImage(out);
  expect(pulled.manifestDigest).toBe(image.digest);
  for (const [digest, blob] of pulled.blobs) expect(blob.contentDigest).toBe(digest);
  expect(pulled.blobs.size).toBe(pulled.manifest.layers.length + 1);
}

function throwawayUser(): { name: string; uid: number; gid: number } {
  const name = `berth-t${randomName('').slice(-8)}`.toLowerCase().replace(/[^a-z0-9-]/g, '');
  const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', name], { encoding: 'utf8' });
  expect(made.status, made.stderr).toBe(0);
  users.push(name);
  const id = (flag: string) => Number(spawnSync('id', [flag, name], { encoding: 'utf8' }).stdout.trim());
  return { name, uid: id('-u'), gid: id('-g') };
}

describe('first start', () => {
  it('works as root from a directory only root may enter, and again after a restart', async () => {
    const privateDir = await dirs.make('berth-private-');
    chmodSync(privateDir, 0o700);
    const checkout = makeCheckout(privateDir);
    const dataDir = path.join(checkout, 'data');
    const password = `pw-${randomName()}`;

    const first = await start(checkout, dataDir, password);
    // The postgres user may not enter the checkout: the database went where it can, and the data directory says where.
    const pointer = path.join(dataDir, 'postgres.location');
    expect(existsSync(pointer), first.output()).toBe(true);
    const cluster = readFileSync(pointer, 'utf8').trim();
    clusters.push(cluster);
    expect(existsSync(path.join(cluster, 'PG_VERSION'))).toBe(true);
    expect(spawnSync('stat', ['-c', '%a', privateDir], { encoding: 'utf8' }).stdout.trim()).toBe('700');
    const name = await pushAndPull(first.host, password);
    await stop(first);

    const again = await start(checkout, dataDir, password);
    await pull(again.host, password, name);
    await stop(again);
  });

  it('works as an unprivileged user from a checkout it cannot write, with BERTH_DATA_DIR elsewhere', async () => {
    const user = throwawayUser();
    const checkout = await sharedCheckout();
    const dataDir = path.join(await dirs.make('berth-userdata-'), 'data');
    mkdirSync(dataDir);
    chownSync(dataDir, user.uid, user.gid);
    chmodSync(path.dirname(dataDir), 0o755);
    // The user cannot write the checkout.
    expect((await run('setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', 'touch', path.join(checkout, 'x')])).code).not.toBe(0);

    const password = `pw-${randomName()}`;
    const s = await start(checkout, dataDir, password, user);
    expect(existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(spawnSync('stat', ['-c', '%U', path.join(dataDir, 'postgres')], { encoding: 'utf8' }).stdout.trim()).toBe(user.name);
    await pushAndPull(s.host, password);
    await stop(s);
  });

  it('says in one line what to do when the data directory cannot be written, and exits non-zero', async () => {
    const user = throwawayUser();
    const checkout = await sharedCheckout();
    const locked = await dirs.make('berth-locked-');
    chmodSync(locked, 0o755); // root's, and not writable by the user
    const res = await run('unshare', inCheckout(checkout, user, ['scripts/start.ts']), {
      env: { BERTH_DATA_DIR: path.join(locked, 'data'), DATABASE_URL: '', HOME: locked },
      timeoutMs: 60_000,
    });
    expect(res.code).not.toBe(0);
    expect(res.code).not.toBe(124);
    const lines = `${res.stdout}${res.stderr}`.trim().split('\n');
    expect(lines, res.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/cannot write the data directory .*locked.*set BERTH_DATA_DIR/);
    expect(res.stderr).not.toMatch(/^\s+at /m);
  });
});
