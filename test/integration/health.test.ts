import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/client';
import { createHttpServer } from '@/lib/server/create-http-server';
import { findFreePort } from '@/lib/server/free-port';
import type { AppContext } from '@/lib/services/context';
import { FilesystemDriver } from '@/lib/storage/fs-driver';
import { useTestRegistry } from '../support/registry';

const reg = useTestRegistry();

async function health(app: AppContext, path = '/readyz') {
  const server = createHttpServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
    return { status: res.status, body: await res.json() };
  } finally {
    server.close();
  }
}

describe('GET /healthz', () => {
  it('is 200 while the process serves, whatever the database says', async () => {
    const db = createDb(`postgresql://berth:x@127.0.0.1:${await findFreePort()}/berth`);
    try {
      expect(await health({ ...reg.app, db }, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    } finally {
      await db.$disconnect();
    }
  });
});

describe('GET /readyz', () => {
  it('is 200 when the database (with every migration applied) and storage answer', async () => {
    expect(await health(reg.app)).toEqual({ status: 200, body: { status: 'ok', database: 'ok', storage: 'ok' } });
  });

  it('is 503 when storage cannot be written', async () => {
    // A storage root that is a file: nothing can be created below it.
    const file = path.join(reg.dataDir, 'not-a-directory');
    writeFileSync(file, 'x');
    const res = await health({ ...reg.app, storage: new FilesystemDriver(file) });
    expect(res).toEqual({ status: 503, body: { status: 'unavailable', database: 'ok', storage: 'error' } });
  });

  it('is 503 when the database is unreachable', async () => {
    const db = createDb(`postgresql://berth:x@127.0.0.1:${await findFreePort()}/berth`);
    try {
      const res = await health({ ...reg.app, db });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', database: 'error', storage: 'ok' });
    } finally {
      await db.$disconnect();
    }
  });
});

describe('GET /readyz with a migration missing', () => {
  it('is 503 until every migration this build ships is applied', async () => {
    // This test's own database: its record of the newest migration goes, as on a database a rollout has not migrated.
    const [last] = await reg.app.db.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await reg.app.db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = ${last!.id}`;
    try {
      expect(await health(reg.app)).toEqual({ status: 503, body: { status: 'unavailable', database: 'migrations pending', storage: 'ok' } });
    } finally {
      await reg.app.db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = ${last!.id}`;
    }
    expect((await health(reg.app)).status).toBe(200);
  });
});
