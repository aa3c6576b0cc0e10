import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryVulnIndex } from '@/lib/scans/osv/create-memory-index';
import { loadOsvFixtures } from '@/lib/scans/fixtures/load-osv-fixtures';
import type { OsvRecord } from '@/lib/scans/osv/osv-schema';
import type { VulnIndex } from '@/lib/scans/osv/vuln-index';
import { scanImage } from '@/lib/scans/scan-image';
import { buildLayer, layerFromBuffer } from '@/lib/scans/test-support/build-layer';
import { createDbVulnIndex } from '@/lib/services/vulndb/db-vuln-index';
import { importOsv } from '@/lib/services/vulndb/import-osv';
import { vulnDataUpdatedAt } from '@/lib/services/vulndb/vuln-data-updated-at';
import { startTestRegistry, type TestRegistry } from '../../support/registry';
import { createZipWriter } from '../../support/zip-writer';

const FIXTURES = path.resolve('lib/scans/fixtures/osv');
const fixtures = loadOsvFixtures() as OsvRecord[];

let reg: TestRegistry;
let tmp: string;
beforeEach(async () => {
  reg = await startTestRegistry();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'berth-vulndb-'));
});
afterEach(async () => {
  await reg?.stop();
  await rm(tmp, { recursive: true, force: true });
});

function packagesOf(records: readonly OsvRecord[]): Array<[string, string]> {
  const pairs = new Map<string, [string, string]>();
  for (const r of records) for (const a of r.affected ?? []) if (a.package) pairs.set(`${a.package.ecosystem}/${a.package.name}`, [a.package.ecosystem, a.package.name]);
  return [...pairs.values()];
}

const ids = (records: readonly OsvRecord[]) => records.map((r) => r.id).sort();

async function writeZip(file: string, records: readonly unknown[]) {
  const zip = createZipWriter(file);
  for (const record of records) await zip.add(`${(record as { id: string }).id}.json`, JSON.stringify(record));
  await zip.close();
}

describe('importOsv', () => {
  it('imports a directory of OSV records, then finds nothing to change on a second run', async () => {
    expect(await vulnDataUpdatedAt(reg.app)).toBeNull();
    const first = await importOsv(reg.app, { path: FIXTURES, importedBy: 'admin' });
    expect(first).toMatchObject({ status: 'succeeded', added: fixtures.length, updated: 0, unchanged: 0, invalid: 0, error: null, importedBy: 'admin', source: FIXTURES });
    expect(first.finishedAt).not.toBeNull();
    expect(await reg.app.db.vulnRecord.count()).toBe(fixtures.length);
    const updatedAt = await vulnDataUpdatedAt(reg.app);
    expect(updatedAt).toBeInstanceOf(Date);

    const second = await importOsv(reg.app, { path: FIXTURES, source: 'again' });
    expect(second).toMatchObject({ status: 'succeeded', source: 'again', added: 0, updated: 0, unchanged: fixtures.length, invalid: 0 });
    expect(await vulnDataUpdatedAt(reg.app)).toEqual(updatedAt);
    const runs = await reg.app.db.vulnImport.findMany({ orderBy: { startedAt: 'asc' } });
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('replaces a changed record and its package rows', async () => {
    const dir = path.join(tmp, 'osv');
    await cp(FIXTURES, dir, { recursive: true });
    await importOsv(reg.app, { path: dir });
    const file = path.join(dir, 'GHSA-35jh-r3h4-6jhm.json');
    const record = JSON.parse(await readFile(file, 'utf8')) as OsvRecord;
    const oldName = record.affected![0]!.package!.name;
    record.modified = '2030-01-01T00:00:00Z';
    record.affected![0]!.package!.name = 'renamed-package';
    await writeFile(file, JSON.stringify(record, null, 2));

    const run = await importOsv(reg.app, { path: dir });
    expect(run).toMatchObject({ status: 'succeeded', added: 0, updated: 1, unchanged: fixtures.length - 1 });
    const stored = await reg.app.db.vulnRecord.findUniqueOrThrow({ where: { id: record.id } });
    expect(stored.modified.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    const index = createDbVulnIndex(reg.app);
    expect(ids(await index.lookup('npm', 'renamed-package'))).toEqual([record.id]);
    expect(ids(await index.lookup('npm', oldName))).not.toContain(record.id);

    // Formatting alone is not a change.
    await writeFile(file, JSON.stringify(record));
    expect(await importOsv(reg.app, { path: dir })).toMatchObject({ updated: 0, unchanged: fixtures.length });
  });

  it('imports a zip export the same as the directory', async () => {
    const zipFile = path.join(tmp, 'all.zip');
    await writeZip(zipFile, fixtures);
    const run = await importOsv(reg.app, { path: zipFile, source: 'all.zip' });
    expect(run).toMatchObject({ status: 'succeeded', source: 'all.zip', added: fixtures.length, invalid: 0 });
    expect(await importOsv(reg.app, { path: FIXTURES })).toMatchObject({ added: 0, updated: 0, unchanged: fixtures.length });
  });

  it('imports a directory of zip exports and JSON files, each record once', async () => {
    const dir = path.join(tmp, 'downloads');
    await mkdir(path.join(dir, 'npm'), { recursive: true });
    const half = Math.floor(fixtures.length / 2);
    await writeZip(path.join(dir, 'npm', 'all.zip'), fixtures.slice(0, half));
    await writeZip(path.join(dir, 'other.ZIP'), fixtures.slice(half));
    // A loose record that is also in a zip counts once as added, then as unchanged.
    await writeFile(path.join(dir, 'loose.json'), JSON.stringify(fixtures[0]));
    await writeFile(path.join(dir, 'notes.txt'), 'not OSV');
    const run = await importOsv(reg.app, { path: dir });
    expect(run).toMatchObject({ status: 'succeeded', added: fixtures.length, unchanged: 1, invalid: 0 });
    expect((await reg.app.db.vulnRecord.findMany({ select: { id: true } })).map((r) => r.id).sort()).toEqual(ids(fixtures));
  });

  it('imports a JSON file holding an array of records', async () => {
    const file = path.join(tmp, 'records.json');
    await writeFile(file, JSON.stringify(fixtures));
    expect(await importOsv(reg.app, { path: file })).toMatchObject({ status: 'succeeded', added: fixtures.length });
  });

  it('counts and skips invalid records, keeping the first reasons', async () => {
    const dir = path.join(tmp, 'mixed');
    await cp(FIXTURES, dir, { recursive: true });
    await writeFile(path.join(dir, 'broken.json'), '{"id": "X-1", ');
    await writeFile(path.join(dir, 'no-id.json'), JSON.stringify({ affected: [] }));
    await writeFile(path.join(dir, 'bad-affected.json'), JSON.stringify({ id: 'X-2', affected: [{ package: { ecosystem: 'npm', name: 7 } }] }));
    await writeFile(path.join(dir, 'bad-date.json'), JSON.stringify({ id: 'X-3', modified: 'yesterday' }));
    const run = await importOsv(reg.app, { path: dir });
    expect(run).toMatchObject({ status: 'succeeded', added: fixtures.length, invalid: 4 });
    expect(run.error).toContain('skipped 4 invalid record(s)');
    expect(run.error).toContain('broken.json: not JSON');
    expect(run.error).toContain('X-2: affected.0.package.name');
    expect(run.error).toContain('X-3: modified: not a timestamp');
    expect(await reg.app.db.vulnRecord.count()).toBe(fixtures.length);
  });

  it('fails the run, with a clear error, for a missing path or an unreadable zip', async () => {
    const missing = await importOsv(reg.app, { path: path.join(tmp, 'nope.zip') });
    expect(missing).toMatchObject({ status: 'failed', added: 0 });
    expect(missing.error).toMatch(/nope\.zip: no such file or directory/);

    const zipFile = path.join(tmp, 'truncated.zip');
    await writeZip(zipFile, fixtures);
    const bytes = await readFile(zipFile);
    await writeFile(zipFile, bytes.subarray(0, bytes.length - 30));
    const corrupt = await importOsv(reg.app, { path: zipFile });
    expect(corrupt.status).toBe('failed');
    expect(corrupt.error).toMatch(/truncated\.zip: not a readable zip archive/);
    expect(await reg.app.db.vulnImport.count({ where: { status: 'failed' } })).toBe(2);
  });

  it('fails the run when aborted', async () => {
    const run = await importOsv(reg.app, { path: FIXTURES, signal: AbortSignal.abort() });
    expect(run).toMatchObject({ status: 'failed', error: 'import aborted' });
  });

  it('keeps two concurrent imports of overlapping data consistent', async () => {
    const records = Array.from({ length: 1200 }, (_, i) => syntheticRecord(`SYN-${i}`, `pkg-${i % 300}`));
    await writeZip(path.join(tmp, 'a.zip'), records.slice(0, 900));
    await writeZip(path.join(tmp, 'b.zip'), records.slice(300));
    const [a, b] = await Promise.all([importOsv(reg.app, { path: path.join(tmp, 'a.zip') }), importOsv(reg.app, { path: path.join(tmp, 'b.zip') })]);
    expect([a.status, b.status]).toEqual(['succeeded', 'succeeded']);
    // The 600 records in both were added by one run and found unchanged by the other.
    expect(a.added + b.added).toBe(1200);
    expect(a.unchanged + b.unchanged).toBe(600);
    expect(await reg.app.db.vulnRecord.count()).toBe(1200);
    expect(await reg.app.db.vulnPackage.count()).toBe(1200);
  });
});

describe('createDbVulnIndex', () => {
  it('answers lookups like the memory index over the same records', async () => {
    await importOsv(reg.app, { path: FIXTURES });
    const memory = createMemoryVulnIndex(fixtures);
    const db = createDbVulnIndex(reg.app);
    const pairs = packagesOf(fixtures);
    expect(pairs.length).toBeGreaterThan(5);
    for (const [ecosystem, name] of pairs) {
      const expected = await memory.lookup(ecosystem, name);
      const actual = await db.lookup(ecosystem, name);
      expect(actual.length).toBeGreaterThan(0);
      expect([...actual].sort((x, y) => x.id.localeCompare(y.id))).toEqual([...expected].sort((x, y) => x.id.localeCompare(y.id)));
      expect(await db.hasEcosystem(ecosystem)).toBe(true);
    }
    expect(await db.lookup('npm', 'no-such-package')).toEqual([]);
    expect(await db.hasEcosystem('Debian:9')).toBe(false);
    expect(await db.hasEcosystem('Debian')).toBe(false);
  });

  it('answers many packages at once as it answers each', async () => {
    await importOsv(reg.app, { path: FIXTURES });
    const pairs = [...packagesOf(fixtures), ['npm', 'no-such-package'] as [string, string], ['Debian:9', 'glibc'] as [string, string]];
    const many = await createDbVulnIndex(reg.app).lookupMany!(pairs.map(([ecosystem, name]) => ({ ecosystem, name })));
    const single = createDbVulnIndex(reg.app);
    expect(many.length).toBe(pairs.length);
    for (const [i, [ecosystem, name]] of pairs.entries()) expect(ids(many[i]!)).toEqual(ids(await single.lookup(ecosystem, name)));
    expect(many.filter((r) => r.length > 0).length).toBe(pairs.length - 2);
  });

  it('gives scanImage the same findings as the memory index', async () => {
    await importOsv(reg.app, { path: FIXTURES });
    const dpkg = (name: string, version: string, source?: string) =>
      `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\n${source ? `Source: ${source}\n` : ''}Version: ${version}\n`;
    const layer = await buildLayer([
      { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
      { name: 'var/lib/dpkg/status', content: [dpkg('libc6', '2.36-9+deb12u1', 'glibc'), dpkg('openssh-client', '1:9.2p1-2+deb12u2', 'openssh'), dpkg('base-files', '12.4')].join('\n') },
      { name: 'app/node_modules/lodash/package.json', content: JSON.stringify({ name: 'lodash', version: '4.17.20' }) },
      { name: 'app/node_modules/minimist/package.json', content: JSON.stringify({ name: 'minimist', version: '1.2.5' }) },
    ]);
    const scan = (index: VulnIndex) => scanImage({ layers: [layerFromBuffer(layer)], index });
    const fromMemory = await scan(createMemoryVulnIndex(fixtures));
    const fromDb = await scan(createDbVulnIndex(reg.app));
    expect(fromMemory.vulnerabilities.length).toBeGreaterThan(2);
    expect(fromDb.vulnerabilities).toEqual(fromMemory.vulnerabilities);
    expect(fromDb.ecosystemsWithoutData).toEqual(fromMemory.ecosystemsWithoutData);
  });

  it('normalizes PyPI names and leaves out withdrawn records', async () => {
    const live = syntheticRecord('PYSEC-LIVE', 'Py_YAML', 'PyPI');
    const withdrawn = { ...syntheticRecord('PYSEC-GONE', 'py-yaml', 'PyPI'), withdrawn: '2024-02-01T00:00:00Z' };
    const onlyWithdrawn = { ...syntheticRecord('GO-GONE', 'example.com/x', 'Go'), withdrawn: '2024-02-01T00:00:00Z' };
    const file = path.join(tmp, 'py.json');
    await writeFile(file, JSON.stringify([live, withdrawn, onlyWithdrawn]));
    expect(await importOsv(reg.app, { path: file })).toMatchObject({ added: 3 });
    const index = createDbVulnIndex(reg.app);
    expect(ids(await index.lookup('PyPI', 'py-yaml'))).toEqual(['PYSEC-LIVE']);
    expect(ids(await index.lookup('PyPI', 'PY.yaml'))).toEqual(['PYSEC-LIVE']);
    expect(await index.hasEcosystem('PyPI')).toBe(true);
    expect(await index.hasEcosystem('Go')).toBe(false);
  });

  it('answers from memory for the life of the instance', async () => {
    await importOsv(reg.app, { path: FIXTURES });
    const index = createDbVulnIndex(reg.app);
    const before = await index.lookup('Debian:12', 'glibc');
    expect(before.length).toBeGreaterThan(0);
    await reg.app.db.vulnRecord.deleteMany({});
    expect(await index.lookup('Debian:12', 'glibc')).toEqual(before);
    expect(await createDbVulnIndex(reg.app).lookup('Debian:12', 'glibc')).toEqual([]);
  });
});

function syntheticRecord(id: string, name: string, ecosystem = 'npm') {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    summary: `synthetic advisory for ${name}`,
    affected: [{ package: { ecosystem, name }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }] }],
  };
}
