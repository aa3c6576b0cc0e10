import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { poolConfigFromUrl } from './pg-client';

export type Db = PrismaClient;
export type { Prisma } from './generated/client';

export function createDb(url: string, opts: { poolSize?: number } = {}): Db {
  const adapter = new PrismaPg(poolConfigFromUrl(url, opts.poolSize ?? 20));
  return new PrismaClient({ adapter });
}

/** Prisma's error code for a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}
