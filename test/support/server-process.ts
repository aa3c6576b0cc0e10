// A Berth entry point of this checkout in a process of its own, for tests that run the server as users do (browser
// tests), kill it outright (crash recovery) or run several (multi-instance). No vitest here: Playwright loads it too.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  /** The address it printed: `http://127.0.0.1:<port>`. */
  url: string;
  /** `127.0.0.1:<port>`, as image references name it. */
  host: string;
  /** All it has printed so far, stdout and stderr. */
  output(): string;
  /** Its exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * Runs `node --import tsx <entry>` in the checkout with `env` added to this process's environment, and resolves once
 * it prints `listening on <url>`. Rejects with its output when it exits first or takes longer than `timeoutMs`.
 */
export async function startServerProcess(
  entry: string,
  env: Record<string, string | undefined>,
  timeoutMs = 120_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code));
  });

  const url = await new Promise<string>((resolve, reject) => {
    const tooLong = () => reject(new Error(`${entry} did not start within ${timeoutMs} ms:\n${output}`));
    const timer = setTimeout(tooLong, timeoutMs);
    child.stdout.on('data', () => {
      // The server logs through pino, whose JSON line ends the message with a quote.
      const m = /listening on (http:\/\/[^\s"]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${how}) before listening:\n${output}`));
    });
  });
  return { child, url, host: new URL(url).host, output: () => output, exited };
}

/** SIGTERM, so the server stops its embedded Postgres too; SIGKILL if it does not exit within 30 s. */
export async function stopServerProcess(p: ServerProcess): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 30_000);
  await p.exited;
  clearTimeout(timer);
}
