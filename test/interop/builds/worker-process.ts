// A job worker in its own process, on the test registry's database and data directory, for tests that kill a
// worker outright mid-build (a crash or restart).
//
//   DATABASE_URL=… BERTH_DATA_DIR=… BERTH_BUILD_REGISTRY=127.0.0.1:PORT node --import tsx test/interop/builds/worker-process.ts
//
// Prints `worker ready` once it polls for jobs.
import path from 'node:path';
import { loadConfig } from '@/lib/config';
import { createDb } from '@/lib/db/client';
import { startJobs } from '@/lib/jobs/start-jobs';
import { createStorage } from '@/lib/storage/create-storage';

async function main() {
  const config = loadConfig(process.env);
  const db = createDb(config.databaseUrl!, { poolSize: 4 });
  const storage = createStorage({ driver: 'fs', rootDir: path.join(config.dataDir, 'storage') });
  await startJobs({ db, storage, config }, { url: config.databaseUrl!, work: true, log: () => {} });
  console.log('worker ready');
}

main().catch((err) => {
  console.error(`worker failed: ${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
