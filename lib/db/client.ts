import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { poolConfigFromUrl } from './pg-client';

export type Db = PrismaClient;
export type { Prisma } from './generated/client';

// On the client object under a registered symbol, not in a module-level map: the web console's bundle has its own
// copy of this module, and it must find the pool of the client the server created.
const POOL = Symbol.for('berth.db.pool');
type WithPool = Db & { [POOL]?: pg.Pool };

export function createDb(url: string, opts: { poolSize?: number } = {}): Db {
  const pool = new pg.Pool(poolConfigFromUrl(url, opts.poolSize ?? 20));
  // $disconnect ends the pool too.
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  Object.defineProperty(db, POOL, { value: pool });
  return db;
}

/**
 * Runs one statement of the registry's hottest path (every pull's manifest and blob lookups, the caller's access
 * profile) straight on the pool under `db`, prepared once per connection under `name`: there Prisma's query runtime
 * cost more than the queries themselves (without it, HEAD-manifest throughput roughly tripled). Everything else goes
 * through Prisma. Rows come as pg gives them (bigint as a string, bytea as a Buffer).
 */
export async function queryPrepared<R extends pg.QueryResultRow>(db: Db, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = (db as WithPool)[POOL];
  if (!pool) throw new Error('this client was not made by createDb');
  return (await pool.query<R>({ name, text, values })).rows;
}

/** The connection pool under a client made by createDb, for pool-use figures (/metrics). */
export function poolOf(db: Db): pg.Pool | undefined {
  return (db as WithPool)[POOL];
}

/** Prisma's error code for a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}
