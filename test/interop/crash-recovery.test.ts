// A registry killed (SIGKILL) in the middle of a layer upload: after a restart on the same data directory (with
// the killed process's embedded Postgres still running, as it does after its parent dies) the partial layer must
// not be readable as a blob, and the same push must then succeed from scratch. And the orderly counterpart: SIGTERM
// stops everything that uses the database before the database.
import { existsSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skopeoCopy, skopeoCopyOk } from '../support/clients';
import { randomName } from '../support/database';
import { buildImage, type BuiltImage } from '../support/images';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../support/server-process';
import { useTempDirs } from '../support/temp-dirs';
import { requireTool } from '../support/tools';
import { isAlive } from '@/lib/db/embedded';
import { findFreePort } from '@/lib/server/free-port';
import { randomRepoName, readDirImage, readLayoutBlob, type ImageManifest } from './helpers';

const ENTRY = 'test/support/registry-process.ts';
const LAYER_BYTES = 200 * 1024 * 1024;
const KILL_AFTER_BYTES = 10 * 1024 * 1024;
const START_TIMEOUT_MS = 120_000;

const dirs = useTempDirs();
let dataDir: string;
const adminPassword = `pw-${randomName()}`;
let server: ServerProcess | undefined;
let image: BuiltImage;
let layers: ImageManifest['layers'];

/** test/support/registry-process.ts on `dataDir`, on a free port. */
async function startRegistryProcess(): Promise<ServerProcess> {
  const port = await findFreePort();
  const env = { DATABASE_URL: '', BERTH_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', BERTH_ADMIN_PASSWORD: adminPassword };
  return startServerProcess(ENTRY, env, START_TIMEOUT_MS);
}

/** The postmaster PID recorded in the data directory, if that process is still alive. */
function livePostmaster(): number | undefined {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return pid > 0 && isAlive(pid) ? pid : undefined;
}

async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await bytesUnder(file);
    else if (entry.isFile()) total += (await stat(file).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

const creds = () => ({ username: 'admin', password: adminPassword });
const basic = () => `Basic ${Buffer.from(`admin:${adminPassword}`).toString('base64')}`;

beforeAll(async () => {
  for (const tool of ['skopeo', 'umoci', 'unshare']) requireTool(tool);
  dataDir = await dirs.make('berth-crash-data-');
  image = await buildImage({
    dir: await dirs.make(),
    tag: 'big',
    layers: [{ files: { 'etc/crash': `${randomName()}\n` } }, { randomBytes: LAYER_BYTES }],
  });
  layers = (JSON.parse((await readLayoutBlob(image.layout, image.digest)).toString('utf8')) as ImageManifest).layers;
  server = await startRegistryProcess();
});

afterAll(async () => {
  if (server) await stopServerProcess(server);
  // Whatever Postgres is still recorded in the data directory (an orphan if a restart failed) goes too.
  const pid = livePostmaster();
  if (pid) {
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && livePostmaster() === pid; i++) await new Promise((r) => setTimeout(r, 100));
    if (livePostmaster() === pid) process.kill(pid, 'SIGKILL');
  }
});

describe('a registry killed during a layer upload', () => {
  it('serves no partial blob after a restart, and takes the same push again', async () => {
    const big = layers.find((l) => l.size > LAYER_BYTES / 2)!;
    expect(big).toBeDefined();
    const name = randomRepoName();
    const target = `docker://${server!.host}/${name}:big`;

    const push = skopeoCopy(image.ref, target, { creds: creds() });
    const uploads = path.join(dataDir, 'storage', 'uploads');
    let pushDone = false;
    void push.then(() => (pushDone = true));
    while (!pushDone && (await bytesUnder(uploads)) <= KILL_AFTER_BYTES) await new Promise((r) => setTimeout(r, 20));
    // The push must still be in flight when the server dies, or this test proves nothing.
    if (pushDone) {
      const early = await push;
      throw new Error(`push ended (exit ${early.code}) before ${KILL_AFTER_BYTES} bytes reached ${uploads}:\n${early.stderr}`);
    }
    const orphanBefore = livePostmaster();
    expect(orphanBefore).toBeDefined();
    server!.child.kill('SIGKILL');
    expect(await server!.exited).toBe('SIGKILL');

    const interrupted = await push;
    expect(interrupted.code).not.toBe(0);
    // Its Postgres outlived it: the restart has to deal with that.
    expect(livePostmaster()).toBe(orphanBefore);

    server = await startRegistryProcess();
    // The new server stopped the orphan and runs a Postgres of its own on the same cluster.
    expect(isAlive(orphanBefore!)).toBe(false);
    expect(livePostmaster()).toBeDefined();

    const head = await fetch(`${server.url}/v2/${name}/blobs/${big.digest}`, { method: 'HEAD', headers: { Authorization: basic() } });
    expect(head.status).toBe(404);
    const manifest = await fetch(`${server.url}/v2/${name}/manifests/big`, { method: 'HEAD', headers: { Authorization: basic() } });
    expect(manifest.status).toBe(404);
    const [algorithm, hex] = big.digest.split(':');
    expect(existsSync(path.join(dataDir, 'storage', 'blobs', algorithm, hex.slice(0, 2), hex))).toBe(false);

    const again = `docker://${server.host}/${name}:big`;
    await skopeoCopyOk(image.ref, again, { creds: creds() });
    const out = await dirs.make('berth-crash-pull-');
    await skopeoCopyOk(again, `dir:${out}`, { creds: creds() });
    const pulled = await readDirImage(out);
    expect(pulled.manifestDigest).toBe(image.digest);
    expect(pulled.manifest.layers.map((l) => l.digest)).toEqual(layers.map((l) => l.digest));
    expect(pulled.blobs.get(big.digest)).toEqual({ contentDigest: big.digest, size: big.size });
  });
});

describe('a registry stopped with SIGTERM', () => {
  it('stops its job queue before its database, exits 0 and leaves no Postgres running', async () => {
    if (!server || server.child.exitCode !== null) server = await startRegistryProcess();
    const running = server;
    const postmaster = livePostmaster();
    expect(postmaster).toBeDefined();
    const before = running.output().length;
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    server = undefined;
    const said = running.output().slice(before);
    expect(said).toContain('SIGTERM: shutting down');
    // The database outlived everything that used it: no connection of the job queue was cut under it.
    expect(said).not.toMatch(/terminating connection|job queue error/);
    expect(isAlive(postmaster!)).toBe(false);
  });
});
