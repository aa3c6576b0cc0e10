import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '@/lib/config';
import { createDb } from '@/lib/db/client';
import type { EmbeddedDatabase } from '@/lib/db/embedded';
import { applyMigrations } from '@/lib/db/migrate';
import { startJobs, type RunningJobs } from '@/lib/jobs/start-jobs';
import type { AppContext } from '@/lib/services/context';
import { flushPulls } from '@/lib/services/manifests/record-pull';
import { ensureAdmin } from '@/lib/services/users/ensure-admin';
import { stopVulnImports } from '@/lib/services/vulndb/upload-vuln-import';
import { openStorage } from '@/lib/storage/create-storage';
import { findFreePort } from './free-port';
import { loadOrCreateSecret } from './local-secret';

export interface Booted {
  app: AppContext;
  /** Set when the admin user was created now with a generated password: print it once. */
  generatedAdminPassword?: string;
  /** The job queue: always there to enqueue; also working on jobs unless BERTH_WORKER=off. */
  jobs: RunningJobs;
  close(): Promise<void>;
}

/**
 * Brings up everything a Berth process needs: the database (embedded Postgres under the data directory unless
 * DATABASE_URL names one), migrations, blob storage, the first admin user, and the job queue (with the worker
 * unless `config.worker` is off).
 */
export async function boot(config: Config, log: (line: string) => void = () => {}): Promise<Booted> {
  await mkdir(config.dataDir, { recursive: true });
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    // Whoever boots handles SIGTERM and SIGINT and stops the database last, through close(), so that a graceful stop
    // can finish what still uses it (running jobs, an import being recorded). lib/db/embedded runs the Postgres
    // binaries itself and stops them on process exit; the guard keeps any module it loads from adding listeners
    // for those two signals that would end the process first.
    const { ensureDatabase, startEmbeddedPostgres } = await withoutNewSignalListeners(['SIGTERM', 'SIGINT'], () => import('@/lib/db/embedded'));
    const password = await loadOrCreateSecret(path.join(config.dataDir, 'postgres.secret'));
    // Loopback only, on a port free at start-up, so several installations can share a machine.
    const port = await findFreePort();
    embedded = await startEmbeddedPostgres({ dir: path.join(config.dataDir, 'postgres'), port, password });
    url = await ensureDatabase(embedded.url, 'berth');
    log(`embedded Postgres on 127.0.0.1:${port}`);
  }
  const applied = await applyMigrations(url);
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  const db = createDb(url);
  const storage = await openStorage(config.storage, config.encryptionKeys);
  log(`blob storage: ${storage.name}`);
  // Every long-lived part of the process, in one object: `jobs` is added by startJobs below.
  const app: AppContext = { db, storage, config, vulnImports: new Map() };
  const admin = await ensureAdmin(app);
  const jobs = await startJobs(app, { url, work: config.worker, log });
  log(config.worker ? 'job worker running in this process' : 'job worker off here (BERTH_WORKER=off): run `npm run worker`');
  return {
    app,
    generatedAdminPassword: admin.generatedPassword,
    jobs,
    async close() {
      await stopVulnImports(app).catch((err) => log(`vulnerability data imports did not stop cleanly: ${(err as Error).message}`));
      await jobs.stop().catch((err) => log(`job queue did not stop cleanly: ${(err as Error).message}`));
      // Pull counts gathered since the last batch (record-pull.ts), while the database is still there.
      await flushPulls(app);
      await db.$disconnect().catch(() => undefined);
      await embedded?.stop();
    },
  };
}

/** Runs `load` and removes the listeners it added for `signals` (none when the module was loaded before). */
async function withoutNewSignalListeners<T>(signals: NodeJS.Signals[], load: () => Promise<T>): Promise<T> {
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const loaded = await load();
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
  }
  return loaded;
}
