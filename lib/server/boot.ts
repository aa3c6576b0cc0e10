import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '@/lib/config';
import { createDb } from '@/lib/db/client';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded';
import { applyMigrations } from '@/lib/db/migrate';
import type { AppContext } from '@/lib/services/context';
import { ensureAdmin } from '@/lib/services/users/ensure-admin';
import { createStorage } from '@/lib/storage/create-storage';
import { findFreePort } from './free-port';
import { loadOrCreateSecret } from './local-secret';

export interface Booted {
  app: AppContext;
  /** Set when the admin user was created now with a generated password: print it once. */
  generatedAdminPassword?: string;
  close(): Promise<void>;
}

/**
 * Brings up everything a Berth process needs: the database (embedded Postgres under the data directory unless
 * DATABASE_URL names one), migrations, blob storage, and the first admin user.
 */
export async function boot(config: Config, log: (line: string) => void = () => {}): Promise<Booted> {
  await mkdir(config.dataDir, { recursive: true });
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
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
  const storage = createStorage({ driver: 'fs', rootDir: path.join(config.dataDir, 'storage') });
  const app: AppContext = { db, storage, config };
  const admin = await ensureAdmin(app);
  return {
    app,
    generatedAdminPassword: admin.generatedPassword,
    async close() {
      await db.$disconnect().catch(() => undefined);
      await embedded?.stop();
    },
  };
}
