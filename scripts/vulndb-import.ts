// Imports OSV vulnerability records for the scanner: `npm run vulndb:import -- <file or directory> [...more]`.
// Each argument is an OSV JSON file (one record or an array), a directory of them, or an OSV zip export (the
// per-ecosystem all.zip). Boots like the worker (the embedded Postgres under the data directory unless
// DATABASE_URL is set, or the one a running server started; migrations applied), imports each source in turn, prints its counts, and exits 1 when any
// source failed. Importing again is cheap: unchanged records are left alone.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@/lib/config';
import { boot } from '@/lib/server/boot';
import { importOsv } from '@/lib/services/vulndb/import-osv';

const PREFIX = '[berth-vulndb]';
// As lib/server/boot.ts creates them.
const EMBEDDED_USER = 'berth';
const EMBEDDED_DATABASE = 'berth';
const log = (line: string) => console.log(`${PREFIX} ${line}`);

async function main(): Promise<number> {
  const sources = process.argv.slice(2).filter((a) => a !== '--');
  if (sources.length === 0) {
    console.error(`usage: npm run vulndb:import -- <OSV file, directory or zip> [...more]`);
    return 2;
  }
  const missing = sources.filter((s) => !existsSync(s));
  if (missing.length > 0) {
    for (const s of missing) console.error(`${PREFIX} ${s}: no such file or directory`);
    return 1;
  }
  const config = loadConfig();
  if (!config.databaseUrl) {
    // A server is running on the embedded database: import through it rather than starting (and so stopping) it.
    const running = runningEmbeddedDatabase(config.dataDir);
    if (running) {
      config.databaseUrl = running;
      log(`using the embedded database of the running server in ${config.dataDir}`);
    }
  }
  const booted = await boot({ ...config, worker: false }, log);
  if (booted.generatedAdminPassword) log(`created user "admin" with password: ${booted.generatedAdminPassword}`);
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  let failed = 0;
  try {
    for (const source of sources) {
      const started = Date.now();
      const run = await importOsv(booted.app, { path: path.resolve(source), source, importedBy: null, signal: abort.signal });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const counts = `added ${run.added}, updated ${run.updated}, unchanged ${run.unchanged}, invalid ${run.invalid}`;
      if (run.status === 'failed') {
        failed += 1;
        console.error(`${PREFIX} ${source}: failed after ${seconds} s (${counts}): ${run.error}`);
      } else {
        log(`${source}: ${counts} (${seconds} s)`);
        if (run.error) log(`${source}: ${run.error}`);
      }
      if (abort.signal.aborted) break;
    }
  } finally {
    await booted.close();
  }
  return failed > 0 ? 1 : 0;
}

/**
 * The URL of the embedded Postgres a running server started on `dataDir`, or null when none runs. Its port is the
 * fourth line of postmaster.pid; its password is the secret the server keeps beside it.
 */
function runningEmbeddedDatabase(dataDir: string): string | null {
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  const secretFile = path.join(dataDir, 'postgres.secret');
  if (!existsSync(pidFile) || !existsSync(secretFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!(pid > 0) || !(port > 0)) return null;
  try {
    process.kill(pid, 0);
  } catch {
    return null; // left by a killed server: boot() recovers the directory
  }
  const password = readFileSync(secretFile, 'utf8').trim();
  return `postgresql://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`${PREFIX} failed: ${(err as Error)?.message ?? err}`);
    process.exit(1);
  },
);
