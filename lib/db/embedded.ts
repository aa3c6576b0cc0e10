import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EmbeddedPostgresError, isRoot, locateBinaries, placeCluster, serviceUser, SYSTEM_DIR, type RunAs } from './postgres-placement';

export { EmbeddedPostgresError } from './postgres-placement';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'berth';

/**
 * Starts (initialising on first use) a Postgres cluster under `dir`, listening on loopback only. As root it runs
 * as the postgres system user, from places that user can reach (see postgres-placement.ts). Recovers from a
 * previous Berth process that was killed without stopping its Postgres: the orphan still holds the cluster, so it
 * is stopped before a fresh start. Problems a person can fix are EmbeddedPostgresError, with one line saying what
 * to do.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  password: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const log = opts.log ?? (() => {});
  const who = isRoot() ? serviceUser() : null;
  const preferred = path.resolve(opts.dir);
  const clusterDir = placeCluster(preferred, who, (line) => console.log(`[berth] ${line}`));
  const binaries = await locateBinaries(who, who ? SYSTEM_DIR : path.join(path.dirname(preferred), '.postgres-binaries'));

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) await initialise(binaries.initdb, clusterDir, opts.password, who, log);
  stopOrphan(clusterDir);
  const child = await startServer(binaries.postgres, clusterDir, opts.port, who, log);
  const stopOnExit = () => child.kill('SIGINT');
  process.on('exit', stopOnExit);

  return {
    url: `postgresql://${USER}:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/postgres`,
    async stop() {
      process.off('exit', stopOnExit);
      await stopServer(child);
    },
  };
}

async function initialise(initdb: string, clusterDir: string, password: string, who: RunAs | null, log: (line: string) => void) {
  rmSync(clusterDir, { recursive: true, force: true });
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  // The password reaches initdb in a file only it can read, removed right after.
  const secretDir = mkdtempSync(path.join(os.tmpdir(), 'berth-initdb-'));
  const pwfile = path.join(secretDir, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (who) for (const p of [clusterDir, secretDir, pwfile]) chownSync(p, who.uid, who.gid);
  try {
    const args = [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C'];
    const { code, output } = await run(initdb, args, clusterDir, who, log);
    if (code !== 0) throw new EmbeddedPostgresError(`embedded Postgres could not initialise ${clusterDir}: ${reason(output)}`);
  } finally {
    rmSync(secretDir, { recursive: true, force: true });
  }
}

function run(bin: string, args: string[], cwd: string, who: RunAs | null, log: (line: string) => void): Promise<{ code: number | null; output: string[] }> {
  return new Promise((resolve) => {
    const output: string[] = [];
    const child = spawn(bin, args, { cwd, ...ids(who), env: postgresEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        output.push(line);
        log(line);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err) => resolve({ code: -1, output: [...output, err.message] }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

function startServer(bin: string, clusterDir: string, port: number, who: RunAs | null, log: (line: string) => void): Promise<ChildProcess> {
  const args = ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-k', clusterDir, '-c', 'max_connections=200'];
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const child = spawn(bin, args, { cwd: clusterDir, ...ids(who), env: postgresEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let ready = false;
    child.stderr!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        if (output.length < 200) output.push(line);
        log(line);
        if (!ready && line.includes('database system is ready to accept connections')) {
          ready = true;
          resolve(child);
        }
      }
    });
    child.on('error', (err) => reject(new EmbeddedPostgresError(`embedded Postgres could not start: ${err.message}`)));
    child.on('exit', () => {
      if (!ready) reject(new EmbeddedPostgresError(`embedded Postgres could not start in ${clusterDir}: ${reason(output)}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGINT'); // fast shutdown: ends sessions, writes a checkpoint
  });
}

function ids(who: RunAs | null): { uid?: number; gid?: number } {
  return who ? { uid: who.uid, gid: who.gid } : {};
}

function postgresEnv(): NodeJS.ProcessEnv {
  // No PG* variables of the caller's (PGDATA, PGPORT…) leak into the cluster; messages in a known language.
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' };
  for (const key of Object.keys(env)) if (key.startsWith('PG')) delete env[key];
  return env;
}

/** The line of Postgres's output that says what went wrong (FATAL/ERROR first), on one line. */
function reason(output: string[]): string {
  const line = output.find((l) => /\b(FATAL|PANIC|ERROR)\b/.test(l)) ?? output.find((l) => /error|cannot|could not/i.test(l)) ?? output.at(-1) ?? 'no output';
  return line.replace(/\s+/g, ' ').trim().slice(0, 300);
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

/** Whether a process with this id is running (signal 0 checks without signalling). */
export function isAlive(pid: number): boolean {
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
