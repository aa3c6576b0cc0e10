import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';
import { poolConfigFromUrl } from './lib/db/pg-client';

// The CLI runs Prisma's JavaScript schema engine over the pg driver adapter: Prisma's native engine binaries are
// downloaded at run time and cannot be here.
export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  experimental: { adapter: true },
  engine: 'js',
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    return new PrismaPg(poolConfigFromUrl(url, 2));
  },
});
