import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { loadConfig } from '@/lib/config';
import { setAppContext } from '@/lib/server/app-context-global';
import { boot } from '@/lib/server/boot';
import { loadOrCreateSecret } from '@/lib/server/local-secret';
import { createHttpServer } from '@/lib/server/create-http-server';
import { createLogger } from '@/lib/server/logger';
import { stopOnSignal } from '@/lib/server/stop-on-signal';

const logger = createLogger();
const log = (line: string) => logger.info(line);

async function main() {
  const dev = process.argv.includes('--dev');
  const config = loadConfig();
  const dir = path.dirname(fileURLToPath(import.meta.url));
  if (!dev && !existsSync(path.join(dir, '.next', 'BUILD_ID'))) {
    throw new Error('no production build found: run `npm run build` (npm start does this for you)');
  }
  const booted = await boot(config, log);
  if (booted.generatedAdminPassword) {
    log(`created user "admin" with password: ${booted.generatedAdminPassword}`);
    log('this password is shown only once; set BERTH_ADMIN_PASSWORD to choose it yourself');
  }
  setAppContext(booted.app);
  // Console sessions are signed with a secret generated on first start and kept in the data directory.
  process.env.NEXTAUTH_SECRET ??= await loadOrCreateSecret(path.join(config.dataDir, 'session.secret'), 32);
  process.env.NEXTAUTH_URL ??= config.publicUrl ?? `http://${config.host}:${config.port}`;
  const web = next({ dev, dir, hostname: config.host, port: config.port });
  await web.prepare();
  const server = createHttpServer(booted.app, { web: web.getRequestHandler(), log, logger, dev });

  // Periodic work (upload purges, outbox sweeps, scheduled collection) runs on the job queue's scheduler
  // (PERIODIC_TASKS in lib/jobs/all-jobs.ts), once across instances: nothing here runs on a timer.

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log(`listening on http://${config.host}:${port}`);

  stopOnSignal(log, 'shutting down', async () => {
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await web.close?.();
    await booted.close();
  });
}

main().catch((err) => {
  console.error(`[berth] failed to start: ${(err as Error)?.message ?? err}`);
  process.exit(1);
});
