// Starts the CNCF distribution registry (Debian's docker-registry, 2.8) on a random loopback port with its own
// filesystem storage, for side-by-side benchmarks and for checking the client wrappers by hand. No auth.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireTool } from '../../test/support/tools';
import { findFreePort } from '../../lib/server/free-port';

export interface Distribution {
  /** `127.0.0.1:<port>`, as used in image references. */
  host: string;
  port: number;
  url: string;
  pid: number;
  /** The last lines it printed, for error messages. */
  logs(): string;
  /** SIGTERM, then SIGKILL after a few seconds; removes its storage. Safe to call twice. */
  stop(): Promise<void>;
  /** Synchronous last resort for process 'exit' handlers: SIGKILL and remove the storage. */
  killNow(): void;
}

export async function startDistribution(opts: { startTimeoutMs?: number } = {}): Promise<Distribution> {
  const bin = requireTool('docker-registry');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-distribution-'));
  // The port is picked by binding :0 and releasing it; another process may take it meanwhile, so retry.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await findFreePort();
    try {
      return await launch(bin, dir, port, opts.startTimeoutMs ?? 20_000);
    } catch (e) {
      lastError = e;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}

async function launch(bin: string, dir: string, port: number, timeoutMs: number): Promise<Distribution> {
  const config = path.join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      // Errors only and no access log: a log line per request would cost it throughput it does not have in
      // production setups that ship logs elsewhere.
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      '  cache:',
      '    blobdescriptor: inmemory',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      '',
    ].join('\n'),
  );
  const child = spawn(bin, ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const logs = captureTail(child);
  const url = `http://127.0.0.1:${port}`;
  let stopped = false;
  const killNow = () => {
    if (!stopped && child.exitCode === null && child.signalCode === null) signalGroup(child, 'SIGKILL');
    stopped = true;
    rmSync(dir, { recursive: true, force: true });
  };
  const stop = async () => {
    if (!stopped) {
      stopped = true;
      await terminate(child, 5_000);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}/v2/`, child, timeoutMs, logs);
  } catch (e) {
    await terminate(child, 1_000);
    throw e;
  }
  return { host: `127.0.0.1:${port}`, port, url, pid: child.pid!, logs, stop, killNow };
}

/** Polls `url` until it answers with any status below 500; fails early if the process exits. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, logs: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${child.spawnfile} exited (${child.exitCode ?? child.signalCode}) before answering ${url}:\n${logs()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${logs()}`);
}

/** Keeps the last ~64 KiB of a child's stdout+stderr; draining the pipes also keeps it from blocking on a full one. */
export function captureTail(child: ChildProcess, onText?: (text: string) => void): () => string {
  let tail = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    onText?.(text);
    tail = (tail + text).slice(-65_536);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return () => tail;
}

/** SIGTERM to the child's process group, SIGKILL if it is still there after graceMs. */
export async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  signalGroup(child, 'SIGTERM');
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') {
    signalGroup(child, 'SIGKILL');
    await exited;
  }
}

/** Signals the process group the child leads (it was spawned detached); falls back to the child alone. */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}
