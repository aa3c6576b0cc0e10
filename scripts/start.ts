import { accessSync, constants, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBuild } from './ensure-build';

// `npm start` as a person first runs it: whatever goes wrong before the server is up is said in one line with
// what to do, and the process exits non-zero without a stack trace.
function fail(message: string): never {
  console.error(`[berth] ${message}`);
  process.exit(1);
}

function checkDataDir(): void {
  const dir = path.resolve(process.env.BERTH_DATA_DIR || './data');
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    fail(`cannot write the data directory ${dir} (${code}) as user ${os.userInfo().username}: set BERTH_DATA_DIR to a directory this user may write`);
  }
}

checkDataDir();
try {
  ensureBuild();
} catch (err) {
  fail((err as Error).message);
}
await import('../server');
