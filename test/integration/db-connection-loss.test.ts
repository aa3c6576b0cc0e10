// Connections the database server ends under a running process (a restart, a failover, an administrator's
// pg_terminate_backend) cost the queries in flight at most: the process stays up and the next queries succeed.
import pg from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { createDb, queryPrepared, type Db } from '@/lib/db/client';
import { createTestDatabase } from '../support/database';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url);
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

async function terminateConnections(name: string): Promise<number> {
  const admin = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await admin.connect();
  try {
    const res = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    return res.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

it('survives the server ending its idle connections, and queries again on new ones', async () => {
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    // Idle connections in both pools: Prisma's and the prepared statements'.
    expect(await db.user.count()).toBeGreaterThanOrEqual(0);
    expect(await queryPrepared<{ one: number }>(db, 'berth-test-one', 'SELECT 1 AS one', [])).toEqual([{ one: 1 }]);
    const name = new URL(database.url).pathname.slice(1);
    expect(await terminateConnections(name)).toBeGreaterThanOrEqual(2);
    // The pools hear of it as an 'error' on an idle client; without a listener that would end the process.
    await vi.waitFor(() => expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^\[berth\] database connection lost: /)), { timeout: 5000 });
    expect(await db.user.count()).toBeGreaterThanOrEqual(0);
    expect(await queryPrepared<{ one: number }>(db, 'berth-test-one', 'SELECT 1 AS one', [])).toEqual([{ one: 1 }]);
  } finally {
    errors.mockRestore();
  }
});
