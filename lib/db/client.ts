import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/client';
import { poolConfigFromUrl } from './pg-client';

export type Db = PrismaClient;
export type { Prisma } from './generated/client';

const pools = new WeakMap<Db, pg.Pool>();

export function createDb(url: string, opts: { poolSize?: number } = {}): Db {
  const pool = new pg.Pool(poolConfigFromUrl(url, opts.poolSize ?? 20));
  // $disconnect ends the pool too.
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
}

/**
 * The connection pool under `db`, for the few statements on the registry's hottest path (every pull's manifest
 * HEAD/GET and the caller's access profile), where going through Prisma's query runtime costs a fifth of the CPU
 * a request takes. Everything else goes through Prisma.
 */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('this client was not made by createDb');
  return pool;
}

/** Prisma's error code for a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}
