import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '@/lib/db/embedded';
import { applyMigrations } from '@/lib/db/migrate';
import { findFreePort } from '@/lib/server/free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL (database `postgres`) of the test Postgres; each test file clones `berth_template` from it. */
    pgAdminUrl: string;
  }
}

export const TEMPLATE_DB = 'berth_template';

/**
 * One Postgres for the whole run: the embedded one, or the server DATABASE_URL names. Migrations are applied once
 * to a template database; every test file then gets its own copy, so files run in parallel without sharing rows.
 */
export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stop = async () => {};
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = '/postgres';
    adminUrl = u.toString();
  } else {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-test-pg-'));
    const db = await startEmbeddedPostgres({ dir, port: await findFreePort(), password: 'test' });
    adminUrl = db.url;
    stop = async () => {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await client.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  await applyMigrations(templateUrl.toString());
  project.provide('pgAdminUrl', adminUrl);
  return stop;
}
