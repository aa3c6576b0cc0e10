// A Berth registry in its own process, booted as in production (embedded Postgres under the data directory,
// migrations, first admin) but serving only the registry protocol, the token endpoint and /healthz: no Next.js.
// For tests that must kill the server outright (crash recovery), which an in-process server cannot survive.
//
//   BERTH_DATA_DIR=/tmp/x PORT=5000 BERTH_ADMIN_PASSWORD=… node --import tsx test/support/registry-process.ts
//
// Prints `listening on http://HOST:PORT` once it accepts requests. SIGTERM/SIGINT close the server and stop the
// embedded Postgres; SIGKILL leaves that Postgres running, as a crashed server would (the next boot stops it).
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@/lib/config';
import { boot } from '@/lib/server/boot';
import { createHttpServer } from '@/lib/server/create-http-server';
import { stopOnSignal } from '@/lib/server/stop-on-signal';

const log = (line: string) => console.log(`[berth] ${line}`);

async function main() {
  // The embedded database unless the test names one: a DATABASE_URL inherited from the test runner's environment
  // would bypass it.
  // BERTH_TEST_DATABASE_URL names a shared Postgres for tests that run several instances on one database.
  const config = loadConfig({ ...process.env, DATABASE_URL: process.env.BERTH_TEST_DATABASE_URL });
  const booted = await boot(config, log);
  const server = createHttpServer(booted.app, { log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  log(`listening on http://${config.host}:${port}`);

  stopOnSignal(log, 'shutting down', async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await booted.close();
  });
}

main().catch((err) => {
  console.error(`[berth] failed to start: ${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
