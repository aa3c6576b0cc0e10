import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { findFreePort } from '@/lib/server/free-port';

/**
 * A Postgres cluster from Debian's `postgresql` package, as an operator would run one beside Berth: its own
 * data directory under /tmp, run by the `postgres` user (who must be able to enter it), listening on loopback.
 */
export async function startSystemPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl'))).sort().at(-1) : undefined;
  if (!version) throw new Error("Debian's postgresql package is not installed (apt-get install postgresql)");
  const bin = path.join(root, version, 'bin');
  const dir = await mkdtemp('/tmp/berth-pg-');
  await chmod(dir, 0o755);
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? Number(execFileSync('id', ['-u', 'postgres']).toString()) : process.getuid!();
  const gid = asRoot ? Number(execFileSync('id', ['-g', 'postgres']).toString()) : process.getgid!();
  chownSync(dir, uid, gid);
  const run = (cmd: string, args: string[]) => execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe' });
  const password = `pw${Math.random().toString(36).slice(2)}`;
  const pwfile = path.join(dir, 'pw');
  writeFileSync(pwfile, password);
  chownSync(pwfile, uid, gid);
  const data = path.join(dir, 'data');
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'berth', `--pwfile=${pwfile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C']);
  const port = await findFreePort();
  run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200`, 'start']);
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'berth', password, database: 'postgres' });
  await admin.connect();
  await admin.query('CREATE DATABASE berth');
  await admin.end();
  return {
    url: `postgresql://berth:${password}@127.0.0.1:${port}/berth`,
    async stop() {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
