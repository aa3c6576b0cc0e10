// Locating and running the external programs the interop tests and benchmarks drive (skopeo, podman, umoci, …).
// A missing program is a failure, never a skip: CI installs them all through .ci/run.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { constants as osConstants } from 'node:os';
import path from 'node:path';

/** The Debian package that provides each program the tests call. */
const DEBIAN_PACKAGE: Record<string, string> = {
  skopeo: 'skopeo',
  podman: 'podman',
  buildah: 'buildah',
  umoci: 'umoci',
  busybox: 'busybox-static',
  runc: 'runc',
  htpasswd: 'apache2-utils',
  ab: 'apache2-utils',
  chromium: 'chromium',
  'docker-registry': 'docker-registry',
  newuidmap: 'uidmap',
  'fuse-overlayfs': 'fuse-overlayfs',
  unshare: 'util-linux',
  mount: 'mount',
};

const resolved = new Map<string, string>();

/** Absolute path of `name` on PATH; throws an Error naming the Debian package to install when it is missing. */
export function requireTool(name: string): string {
  const cached = resolved.get(name);
  if (cached) return cached;
  // Debian's root PATH has the sbin directories; a non-login shell may not.
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin'].filter(Boolean);
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      resolved.set(name, candidate);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  const pkg = DEBIAN_PACKAGE[name] ?? name;
  throw new Error(
    `'${name}' was not found on PATH. Install the Debian package '${pkg}' (apt-get install ${pkg}), ` +
      `or run 'bash .ci/run' as root, which installs everything the tests need.`,
  );
}

export interface RunOptions {
  /** Merged over process.env; a key set to undefined removes that variable. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Kill the process (and its process group) after this long; the result then has code 124. */
  timeoutMs?: number;
  /** Written to stdin, which is then closed. Without it stdin is /dev/null. */
  input?: string | Buffer;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Bytes kept from the end of each output stream: enough for any error message, bounded for chatty programs. */
const KEEP_BYTES = 1024 * 1024;

/** Keeps the last KEEP_BYTES of a stream without holding the rest. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private length = 0;
  truncated = false;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    while (this.chunks.length > 1 && this.length - this.chunks[0].length >= KEEP_BYTES) {
      this.length -= this.chunks.shift()!.length;
      this.truncated = true;
    }
  }

  text(): string {
    let buf = Buffer.concat(this.chunks);
    if (buf.length > KEEP_BYTES) {
      buf = buf.subarray(buf.length - KEEP_BYTES);
      this.truncated = true;
    }
    return (this.truncated ? '[…earlier output dropped…]\n' : '') + buf.toString('utf8');
  }
}

/** Process groups still running, ended if this process exits first (a test runner that dies mid-run). */
const live = new Set<number>();
process.on('exit', () => {
  for (const pid of live) killGroup(pid, 'SIGKILL');
});

/**
 * Runs `cmd` with `args` (no shell) and resolves with its exit code and output; never rejects for a non-zero
 * exit. A process killed by a signal reports 128 + the signal number, as a shell would; a timeout reports 124.
 */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...opts.env };
    for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      // Own process group, so a timeout also ends whatever the program started.
      detached: true,
    });
    const out = new TailBuffer();
    const err = new TailBuffer();
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => err.push(c));
    if (opts.input !== undefined) {
      child.stdin!.on('error', () => {}); // the program may exit without reading its input
      child.stdin!.end(opts.input);
    }

    let timedOut = false;
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killGroup(child.pid, 'SIGKILL');
          }, opts.timeoutMs);
    if (child.pid !== undefined) live.add(child.pid);

    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${cmd}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (child.pid !== undefined) live.delete(child.pid);
      let stderr = err.text();
      if (timedOut) stderr += `\n[killed after ${opts.timeoutMs} ms]`;
      const exit = timedOut ? 124 : code ?? 128 + signalNumber(signal);
      resolve({ code: exit, stdout: out.text(), stderr });
    });
  });
}

/** Like run(), but throws (with the command, its exit code, stdout and stderr) unless it exits 0. */
export async function runOk(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const res = await run(cmd, args, opts);
  if (res.code !== 0) throw new Error(describeFailure(cmd, args, res));
  return res;
}

export function describeFailure(cmd: string, args: string[], res: RunResult): string {
  return [
    `${[cmd, ...args].map(quote).join(' ')} exited with ${res.code}`,
    `--- stdout ---\n${res.stdout.trimEnd()}`,
    `--- stderr ---\n${res.stderr.trimEnd()}`,
  ].join('\n');
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function signalNumber(signal: NodeJS.Signals | null): number {
  if (!signal) return 0;
  return (osConstants.signals as Record<string, number | undefined>)[signal] ?? 0;
}
