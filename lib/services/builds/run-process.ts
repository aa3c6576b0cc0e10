import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export class ProcessStopped extends Error {
  constructor(readonly reason: 'cancelled' | 'timeout') {
    super(reason);
  }
}

const SETPRIV = '/usr/bin/setpriv';

/**
 * Runs a command, handing each line of its output (stdout and stderr) to `onLine`, and resolves with its exit code.
 * It runs in a process group of its own, so `signal` kills the whole tree (buildah, its chroot runtime, the RUN
 * step's processes); under setpriv --pdeathsig it also dies if this process is killed outright.
 */
export function runProcess(
  cmd: string,
  args: readonly string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; onLine: (line: string) => void; signal: AbortSignal },
): Promise<number> {
  return new Promise((resolve, reject) => {
    if (opts.signal.aborted) return reject(opts.signal.reason);
    const [file, argv] = existsSync(SETPRIV) ? [SETPRIV, ['--pdeathsig', 'KILL', '--', cmd, ...args]] : [cmd, [...args]];
    const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env as NodeJS.ProcessEnv | undefined, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const onAbort = () => kill();
    opts.signal.addEventListener('abort', onAbort, { once: true });
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (data: string) => {
        const lines = (rest + data).split(/\r\n|\n|\r/);
        rest = lines.pop() ?? '';
        for (const line of lines) opts.onLine(line);
      });
      stream.on('end', () => {
        if (rest) opts.onLine(rest);
        rest = '';
      });
    }
    child.on('error', (err) => {
      opts.signal.removeEventListener('abort', onAbort);
      reject(err);
    });
    child.on('close', (code) => {
      opts.signal.removeEventListener('abort', onAbort);
      // Whatever the RUN step left behind in the group goes too.
      kill();
      if (opts.signal.aborted) reject(opts.signal.reason);
      else resolve(code ?? 1);
    });
  });
}
