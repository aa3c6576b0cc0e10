import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { poolConfigFromUrl } from './pg-client';

/**
 * The database as the app holds it: the Prisma client, and under it, as a typed field, the `pg` pool it runs on
 * (queryPrepared and /metrics use it). One object, so whoever holds the client — the custom server or the web
 * console's bundle, which has its own copy of this module — holds the same pool.
 */
export type Db = PrismaClient & { readonly pool: pg.Pool };
export type { Prisma } from './generated/client';

export function createDb(url: string, opts: { poolSize?: number } = {}): Db {
  const pool = new pg.Pool(poolConfigFromUrl(url, opts.poolSize ?? 20));
  // $disconnect ends the pool too.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  // Not enumerable: Prisma's own keys stay what they are.
  return Object.defineProperty(client, 'pool', { value: pool, enumerable: false }) as Db;
}

/**
 * Runs one statement of the registry's hottest path (every pull's manifest and blob lookups, the caller's access
 * profile) straight on the pool under `db`, prepared once per connection under `name`: there Prisma's query runtime
 * cost more than the queries themselves (without it, HEAD-manifest throughput roughly tripled). Everything else goes
 * through Prisma. Rows come as pg gives them (bigint as a string, bytea as a Buffer).
 */
export async function queryPrepared<R extends pg.QueryResultRow>(db: Db, name: string, text: string, values: unknown[]): Promise<R[]> {
  return (await db.pool.query<R>({ name, text, values })).rows;
}

/** The connection pool under a client made by createDb, for pool-use figures (/metrics). */
export function poolOf(db: Db): pg.Pool {
  return db.pool;
}

/** Prisma's error code for a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}
