import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { poolConfigFromUrl } from './pg-client';

/**
 * The database as the app holds it: the Prisma client, and under it, as typed fields, the `pg` pool it runs on
 * (/metrics reads it) and the pool queryPrepared runs on. One object, so whoever holds the client — the custom server
 * or the web console's bundle, which has its own copy of this module — holds the same pools.
 */
export type Db = PrismaClient & { readonly pool: pg.Pool; readonly preparedPool: pg.Pool };
export type { Prisma } from './generated/client';

export function createDb(url: string, opts: { poolSize?: number } = {}): Db {
  const pool = new pg.Pool(poolConfigFromUrl(url, opts.poolSize ?? 20));
  // The hot path's statements are lookups by key, so a plan made once per connection is the right plan. Postgres
  // would otherwise re-plan the access profile's query (a union of six lookups) on every execution, because each
  // custom plan looks cheaper than the generic one: planning cost five times what running it does. Prisma's own
  // queries keep the default (custom plans for parameters that matter, e.g. prefix searches).
  const preparedPool = new pg.Pool({ ...poolConfigFromUrl(url, 10), options: '-c plan_cache_mode=force_generic_plan' });
  // An idle connection the server ends (a restart, a failover, an administrator) is an 'error' event on its pool,
  // which would end the process without a listener. The pool replaces the connection on next use.
  for (const p of [pool, preparedPool]) p.on('error', (err) => console.error(`[berth] database connection lost: ${err.message}`));
  // $disconnect ends both pools.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  const disconnect = client.$disconnect.bind(client);
  // Not enumerable: Prisma's own keys stay what they are.
  return Object.defineProperties(client, {
    pool: { value: pool, enumerable: false },
    preparedPool: { value: preparedPool, enumerable: false },
    $disconnect: {
      value: async () => {
        try {
          await disconnect();
        } finally {
          await preparedPool.end();
        }
      },
      enumerable: false,
    },
  }) as Db;
}

/**
 * Runs one statement of the registry's hottest path (every pull's manifest and blob lookups, the caller's access
 * profile, upload leases) on the prepared-statement pool under `db`, prepared once per connection under `name` with
 * a generic plan: there Prisma's query runtime cost more than the queries themselves (without it, HEAD-manifest
 * throughput roughly tripled). Everything else goes through Prisma. Rows come as pg gives them (bigint as a string,
 * bytea as a Buffer).
 */
export async function queryPrepared<R extends pg.QueryResultRow>(db: Db, name: string, text: string, values: unknown[]): Promise<R[]> {
  return (await db.preparedPool.query<R>({ name, text, values })).rows;
}

/** The connection pool under a client made by createDb, for pool-use figures (/metrics). */
export function poolOf(db: Db): pg.Pool {
  return db.pool;
}

/** Prisma's error code for a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}
