import type { ServerResponse } from 'node:http';
import type { AppContext } from '@/lib/services/context';

/** 200 when the database answers and storage is writable, 503 with the failing part otherwise. */
export async function handleHealth(app: AppContext, res: ServerResponse): Promise<void> {
  const checks = await Promise.all([
    withTimeout(app.db.$queryRaw`SELECT 1`.then(() => 'ok')),
    withTimeout(app.storage.ping().then(() => 'ok')),
  ]);
  const [database, storage] = checks;
  const ok = database === 'ok' && storage === 'ok';
  const body = JSON.stringify({ status: ok ? 'ok' : 'unavailable', database, storage });
  res.writeHead(ok ? 200 : 503, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(body);
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
