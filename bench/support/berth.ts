// Starts Berth's own server (server.ts at the project root) for benchmarks: a production build, a throwaway data
// directory (embedded Postgres and blob storage inside it), and user `admin` with a generated password.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../../lib/server/free-port';
import { captureTail, signalGroup, terminate } from './distribution';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Berth {
  host: string;
  port: number;
  url: string;
  username: string;
  password: string;
  /** `Basic …` for the admin user. */
  authorization: string;
  /** The process that owns the listening socket (the one to sample for memory). */
  pid: number;
  /** The process started (`node --import tsx server.ts`); usually the same as `pid`. */
  childPid: number;
  logs(): string;
  /** SIGTERM (Berth stops its embedded Postgres), SIGKILL to the whole process group if it lingers. */
  stop(): Promise<void>;
  /** Synchronous last resort for process 'exit' handlers. */
  killNow(): void;
}

export interface StartBerthOptions {
  startTimeoutMs?: number;
  /** Extra environment, e.g. BERTH_LOG_REQUESTS. */
  env?: Record<string, string | undefined>;
  /** Print the server's output as it comes. */
  verbose?: boolean;
}

export async function startBerth(opts: StartBerthOptions = {}): Promise<Berth> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-'));
  // As root, embedded Postgres runs as a separate user that must be able to reach its data directory.
  chmodSync(dir, 0o755);
  const password = randomBytes(12).toString('hex');
  const port = await findFreePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      BERTH_DATA_DIR: path.join(dir, 'data'),
      BERTH_ADMIN_PASSWORD: password,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it also stops the embedded Postgres it starts.
    detached: true,
  });
  let ready: (line: string) => void = () => {};
  const listening = new Promise<string>((r) => (ready = r));
  let seen = '';
  const logs = captureTail(child, (text) => {
    if (opts.verbose) process.stdout.write(text);
    seen = (seen + text).slice(-4096);
    const m = /listening on (http:\/\/\S+)/.exec(seen);
    if (m) ready(m[1]);
  });

  let stopped = false;
  const killNow = () => {
    if (!stopped) signalGroup(child, 'SIGKILL');
    stopped = true;
    rmSync(dir, { recursive: true, force: true });
  };
  const stop = async () => {
    if (!stopped) {
      stopped = true;
      const exited = child.exitCode !== null || child.signalCode !== null;
      if (!exited) {
        const done = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 20_000).unref());
        if ((await Promise.race([done, timer])) === 'timeout') signalGroup(child, 'SIGKILL');
        else await done;
      }
      // Anything left in the group (an orphaned Postgres) goes too.
      if (groupAlive(child.pid!)) await terminate(child, 5_000).catch(() => {});
      if (groupAlive(child.pid!)) signalGroup(child, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const timeoutMs = opts.startTimeoutMs ?? 120_000;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`Berth exited (${code ?? signal}) before it was listening:\n${logs()}`)),
    ),
  );
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`Berth was not listening after ${timeoutMs} ms:\n${logs()}`)), timeoutMs).unref(),
  );
  try {
    await Promise.race([listening, exited, timeout]);
  } catch (e) {
    await stop();
    throw e;
  }
  exited.catch(() => {}); // it exits later, when stopped

  const pid = listeningPid(port, child.pid!) ?? child.pid!;
  return {
    host: `127.0.0.1:${port}`,
    port,
    url: `http://127.0.0.1:${port}`,
    username: 'admin',
    password,
    authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`,
    pid,
    childPid: child.pid!,
    logs,
    stop,
    killNow,
  };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resident set size of `pid` in bytes (VmRSS from /proc), or undefined once it is gone. */
export function readRssBytes(pid: number): number | undefined {
  return readMemory(pid)?.rss;
}

/** VmRSS and its parts: anonymous memory (heap, buffers) and file-backed pages mapped by the process. */
export function readMemory(pid: number): { rss: number; anon: number; file: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  const rss = kb('VmRSS');
  return Number.isNaN(rss) ? undefined : { rss, anon: kb('RssAnon'), file: kb('RssFile') };
}

/**
 * The process listening on 127.0.0.1:`port`, looked up through /proc (socket inode → owning fd), preferring
 * `root` or one of its descendants. Undefined when /proc gives no answer.
 */
export function listeningPid(port: number, root: number): number | undefined {
  const inode = listeningInode(port);
  if (!inode) return undefined;
  const owners: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${entry}/fd/${fd}`) === `socket:[${inode}]`) {
          owners.push(Number(entry));
          break;
        }
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return owners.find((pid) => pid === root || isDescendant(pid, root)) ?? owners[0];
}

function listeningInode(port: number): string | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // cols: sl local_address rem_address st … inode (index 9); 0A = LISTEN
      if (cols.length > 9 && cols[1].endsWith(`:${hexPort}`) && cols[3] === '0A') return cols[9];
    }
  }
  return undefined;
}

function isDescendant(pid: number, root: number): boolean {
  for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
    const ppid = parentOf(p);
    if (ppid === undefined) return false;
    if (ppid === root) return true;
    p = ppid;
  }
  return false;
}

function parentOf(pid: number): number | undefined {
  try {
    // The command name in parentheses may hold spaces; fields after the last ')' are: state ppid …
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}
