import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default async function globalTeardown() {
  const file = path.join(os.tmpdir(), `berth-e2e-${Number(process.env.BERTH_E2E_PORT ?? 3917)}.json`);
  if (!existsSync(file)) return;
  const { pid, dataDir } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; dataDir: string };
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
      await new Promise((r) => setTimeout(r, 100));
    } catch {
      break;
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(file, { force: true });
}
