// The background-job worker on its own: `npm run worker`. Boots like the server (database, migrations, job queue)
// but serves no HTTP; run it next to servers started with BERTH_WORKER=off, or as extra capacity (workers share the
// queue without running a job twice). SIGTERM/SIGINT let running jobs finish (up to 15 s) before exiting.
import { loadConfig } from '@/lib/config';
import { boot } from '@/lib/server/boot';
import { stopOnSignal } from '@/lib/server/stop-on-signal';

const log = (line: string) => console.log(`[berth-worker] ${line}`);

async function main() {
  const config = loadConfig();
  // The embedded database belongs to the server process that started it; a second process must not start another
  // on the same data directory.
  if (!config.databaseUrl) throw new Error('set DATABASE_URL: a separate worker needs a shared Postgres (with the embedded one, leave BERTH_WORKER on)');
  // This process exists to work on jobs, whatever BERTH_WORKER says for the servers.
  const booted = await boot({ ...config, worker: true }, log);
  stopOnSignal(log, 'finishing running jobs', async () => {
    await booted.close();
    log('stopped');
  });
}

main().catch((err) => {
  console.error(`[berth-worker] failed to start: ${(err as Error)?.message ?? err}`);
  process.exit(1);
});
