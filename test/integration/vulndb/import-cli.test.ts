import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import pg_ from 'pg';
import { ensureDatabase, startEmbeddedPostgres } from '@/lib/db/embedded';
import { applyMigrations } from '@/lib/db/migrate';
import { loadOsvFixtures } from '@/lib/scans/fixtures/load-osv-fixtures';
import { findFreePort } from '@/lib/server/free-port';
import { loadOrCreateSecret } from '@/lib/server/local-secret';
import { useTestRegistry } from '../../support/registry';
import { useTempDirs } from '../../support/temp-dirs';
import { createZipWriter } from '../../support/zip-writer';

const fixtures = loadOsvFixtures() as Array<{ id: string }>;

const reg = useTestRegistry();
const dirs = useTempDirs();
let tmp: string;
beforeAll(async () => {
  tmp = await dirs.make('berth-vulndb-cli-');
});

/** `npm run vulndb:import -- …` as a user runs it, against the test registry's database. */
function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/vulndb-import.ts', ...args],
      { env: { ...process.env, DATABASE_URL: reg.app.config.databaseUrl, BERTH_DATA_DIR: path.join(tmp, 'data'), BERTH_ADMIN_PASSWORD: 'not-used-here' }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run vulndb:import', () => {
  it('imports a directory and a zip, printing the counts per source', async () => {
    const zipFile = path.join(tmp, 'extra.zip');
    const zip = createZipWriter(zipFile);
    await zip.add('CLI-1.json', JSON.stringify({ id: 'CLI-1', modified: '2024-05-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'cli-pkg' } }] }));
    await zip.add('broken.json', '{');
    await zip.close();

    const { code, stdout, stderr } = await runCli(['lib/scans/fixtures/osv', zipFile]);
    expect(stderr).not.toMatch(/failed/);
    expect(code).toBe(0);
    expect(stdout).toContain(`lib/scans/fixtures/osv: added ${fixtures.length}, updated 0, unchanged 0, invalid 0`);
    expect(stdout).toContain(`${zipFile}: added 1, updated 0, unchanged 0, invalid 1`);
    expect(stdout).toContain('broken.json: not JSON');
    expect(await reg.app.db.vulnRecord.count()).toBe(fixtures.length + 1);

    const again = await runCli(['lib/scans/fixtures/osv']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`added 0, updated 0, unchanged ${fixtures.length}, invalid 0`);
  });

  it('exits non-zero with a clear message for a missing file or an unreadable zip', async () => {
    const missing = await runCli([path.join(tmp, 'nothing-here.zip')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nothing-here.zip: no such file or directory');

    const fake = path.join(tmp, 'fake.zip');
    await writeFile(fake, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64)]));
    const corrupt = await runCli([fake]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/fake\.zip: failed .*fake\.zip: not a readable zip archive \(end of central directory record signature not found\)/);
  });

  it('imports through the embedded database of a server running on the same data directory', async () => {
    // What `npm start` leaves running: an embedded Postgres under <data>/postgres with its secret beside it.
    // Directly under the system temp directory: the database runs as another user and must reach its directory.
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'berth-cli-server-'));
    const password = await loadOrCreateSecret(path.join(dataDir, 'postgres.secret'));
    const pg = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), port: await findFreePort(), password });
    try {
      const url = await ensureDatabase(pg.url, 'berth');
      await applyMigrations(url);
      const res = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'scripts/vulndb-import.ts', path.join('lib/scans/fixtures/osv')],
          { env: { ...process.env, DATABASE_URL: '', BERTH_DATA_DIR: dataDir, BERTH_ADMIN_PASSWORD: 'not-used-here' }, timeout: 120_000 },
          (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        );
      });
      expect(res.stderr).not.toMatch(/failed/);
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('using the embedded database of the running server');
      expect(res.stdout).toContain(`added ${fixtures.length},`);
      // The server's database holds the records, and it is still up.
      const client = new pg_.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT count(*)::int AS n FROM vuln_records');
        expect(rows[0].n).toBe(fixtures.length);
      } finally {
        await client.end();
      }
    } finally {
      await pg.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('prints its usage without arguments', async () => {
    const { code, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run vulndb:import');
  });
});
