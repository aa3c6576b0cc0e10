import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuild } from '../../scripts/ensure-build';
import { startServerProcess } from '../../test/support/server-process';

export const E2E_ADMIN_PASSWORD = 'e2e-admin-password';

/** Starts a real Berth (production build, embedded Postgres, fresh data directory) for the browser tests. */
export default async function globalSetup() {
  // The console is served from a production build: rebuilt here when any source is newer, so a spec never runs
  // against pages older than the checkout.
  ensureBuild();
  const port = Number(process.env.BERTH_E2E_PORT ?? 3917);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-'));
  const server = await startServerProcess(
    'server.ts',
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      BERTH_DATA_DIR: dataDir,
      BERTH_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      DATABASE_URL: '',
      // Webhook tests run a receiver on 127.0.0.1 and watch failed attempts being retried.
      BERTH_WEBHOOK_ALLOW_PRIVATE: 'true',
      BERTH_WEBHOOK_BACKOFF_BASE_SECONDS: '1',
      BERTH_JOB_POLL_SECONDS: '0.5',
    },
    90_000,
  );
  // Keyed by port, so runs on different ports (BERTH_E2E_PORT) never stop each other's server.
  writeFileSync(path.join(os.tmpdir(), `berth-e2e-${port}.json`), JSON.stringify({ pid: server.child.pid, dataDir }));
  process.env.BERTH_E2E_DATA_DIR = dataDir;
}
