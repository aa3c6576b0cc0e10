import { readdir } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import type { AppContext } from '@/lib/services/context';

/** /healthz: the process is alive and serving; restarts are for when this fails, so it checks nothing else. */
export function handleLiveness(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end('{"status":"ok"}');
}

/**
 * /readyz: 200 when the database answers with every migration this build ships applied and storage is writable,
 * 503 with the failing part otherwise (a load balancer then sends requests elsewhere).
 */
export async function handleHealth(app: AppContext, res: ServerResponse): Promise<void> {
  const [database, storage] = await Promise.all([withTimeout(checkDatabase(app)), withTimeout(app.storage.ping().then(() => 'ok'))]);
  const ok = database === 'ok' && storage === 'ok';
  const body = JSON.stringify({ status: ok ? 'ok' : 'unavailable', database, storage });
  res.writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(body);
}

let shipped: Promise<string[]> | undefined;

async function checkDatabase(app: AppContext): Promise<string> {
  shipped ??= readdir(path.resolve('prisma/migrations'), { withFileTypes: true }).then((d) => d.filter((e) => e.isDirectory()).map((e) => e.name));
  const names = await shipped;
  const rows = await app.db.$queryRaw<Array<{ migration_name: string }>>`
    SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((r) => r.migration_name));
  return names.every((n) => applied.has(n)) ? 'ok' : 'migrations pending';
}

async function withTimeout(p: Promise<string>, ms = 3000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([p.catch(() => 'error'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
