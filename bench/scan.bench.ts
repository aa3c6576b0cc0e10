// Image scan against imported vulnerability data: an image with ~300 OS packages, ~1,000 npm packages and 100 MB of
// other files (three tar.gz layers on disk), and a database of 100,000 OSV records imported with importOsv from an
// OSV-style zip. Measures the import (first run and an unchanged re-run), then scanImage with the database-backed
// index in a child process: its scan time and peak RSS (VmHWM). Targets from the product issue: scan under 10 s
// and under 300 MB. Run: npm run bench -- scan. Figures are printed and written to bench/results/scan-<timestamp>.json.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { loadConfig } from '../lib/config';
import { createDb } from '../lib/db/client';
import { ensureDatabase, startEmbeddedPostgres } from '../lib/db/embedded';
import { applyMigrations } from '../lib/db/migrate';
import { findFreePort } from '../lib/server/free-port';
import type { AppContext } from '../lib/services/context';
import { importOsv } from '../lib/services/vulndb/import-osv';
import { createStorage } from '../lib/storage/create-storage';
import { PROJECT_ROOT } from './support/berth';
import { writeResults } from './support/results';
import { planImage, prng, writeImageLayers, writeOsvZip } from './support/scan-fixtures';

const RECORDS = 100_000;
const TARGET_SCAN_MS = 10_000;
const TARGET_RSS_BYTES = 300 * 1024 * 1024;
const RUNS = 3;

const log = (line: string) => console.log(`[bench] ${line}`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-scan-'));
  const pgServer = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await findFreePort(), password: 'bench' });
  try {
    const url = await ensureDatabase(pgServer.url, 'berth');
    await applyMigrations(url);
    const rand = prng(20261123);
    const plan = planImage(rand);

    log('writing the image layers…');
    let t0 = performance.now();
    const layers = await writeImageLayers(dir, plan, rand);
    log(`layers: ${layers.map((f) => mb(statSync(f).size)).join(', ')} compressed (${s(performance.now() - t0)})`);

    log(`writing ${RECORDS.toLocaleString('en')} OSV records…`);
    t0 = performance.now();
    const zip = path.join(dir, 'all.zip');
    await writeOsvZip(zip, plan, rand, RECORDS);
    log(`all.zip: ${mb(statSync(zip).size)} (${s(performance.now() - t0)})`);

    const db = createDb(url, { poolSize: 4 });
    const app: AppContext = { db, storage: createStorage({ driver: 'fs', rootDir: path.join(dir, 'storage') }), config: { ...loadConfig({}), databaseUrl: url } };
    const imports = [];
    for (const label of ['first import', 're-import (unchanged)']) {
      const rssBefore = process.memoryUsage().rss;
      t0 = performance.now();
      const run = await importOsv(app, { path: zip, source: 'all.zip' });
      const ms = performance.now() - t0;
      if (run.status !== 'succeeded') throw new Error(`import failed: ${run.error}`);
      imports.push({ label, ms, added: run.added, updated: run.updated, unchanged: run.unchanged, invalid: run.invalid, rssGrowthBytes: process.memoryUsage().rss - rssBefore });
      log(`${label}: ${s(ms)} (added ${run.added}, unchanged ${run.unchanged}, invalid ${run.invalid})`);
    }
    await db.$executeRawUnsafe('VACUUM ANALYZE vuln_records, vuln_packages');
    await db.$disconnect();

    const scans = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/support/scan-child.ts', ...layers], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, DATABASE_URL: url, BERTH_DATA_DIR: path.join(dir, 'child') },
        maxBuffer: 16 * 1024 * 1024,
      });
      const result = JSON.parse(stdout.trim().split('\n').pop()!) as { scanMs: number; peakRssBytes: number; indexMs: number; lookups: number; recordsReturned: number; packages: number; vulnerabilities: number; secrets: number; ecosystemsWithoutData: string[] };
      scans.push({ ...result, processMs: performance.now() - t });
      log(`scan ${i + 1}: ${s(result.scanMs)} (index ${s(result.indexMs)}, ${result.lookups} lookups, ${result.recordsReturned} records), peak RSS ${mb(result.peakRssBytes)}, ${result.packages} packages, ${result.vulnerabilities} vulnerabilities`);
    }
    const worst = { scanMs: Math.max(...scans.map((r) => r.scanMs)), peakRssBytes: Math.max(...scans.map((r) => r.peakRssBytes)) };
    const median = [...scans].sort((a, b) => a.scanMs - b.scanMs)[Math.floor(scans.length / 2)]!;

    console.log('');
    const line = (cols: string[]) => cols.map((c, i) => c.padEnd([34, 14, 14, 8][i]!)).join('  ');
    console.log(line(['measure', 'value', 'target', 'verdict']));
    console.log(line(['import 100k records (first)', s(imports[0]!.ms), 'well under 60 s', imports[0]!.ms < 60_000 ? 'met' : 'MISSED']));
    console.log(line(['import again (all unchanged)', s(imports[1]!.ms), '', '']));
    console.log(line([`scan time (median of ${RUNS})`, s(median.scanMs), s(TARGET_SCAN_MS), median.scanMs < TARGET_SCAN_MS ? 'met' : 'MISSED']));
    console.log(line([`scan time (worst of ${RUNS})`, s(worst.scanMs), s(TARGET_SCAN_MS), worst.scanMs < TARGET_SCAN_MS ? 'met' : 'MISSED']));
    console.log(line(['  of which waiting on the index', s(median.indexMs), '', '']));
    console.log(line([`scan peak RSS (worst of ${RUNS})`, mb(worst.peakRssBytes), mb(TARGET_RSS_BYTES), worst.peakRssBytes < TARGET_RSS_BYTES ? 'met' : 'MISSED']));
    console.log(line(['packages / vulnerabilities found', `${median.packages} / ${median.vulnerabilities}`, '', '']));

    const results = {
      benchmark: 'scan',
      startedAt: new Date(performance.timeOrigin).toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryBytes: os.totalmem(), node: process.version },
      setup: {
        image: `Debian 12: ${plan.binaries.length} dpkg packages (${plan.debianSources.length} sources), ${plan.npm.length} npm packages, 100 MB of other files (25 MB text); 3 tar.gz layers`,
        records: `${RECORDS} OSV records (40% Debian:12, 60% npm) in one zip`,
        scan: 'scanImage with createDbVulnIndex in a child process (node --import tsx), layers read from disk',
      },
      imports,
      scans,
      targets: { scanMs: TARGET_SCAN_MS, peakRssBytes: TARGET_RSS_BYTES },
    };
    writeResults('scan', results, log);
    return results;
  } finally {
    await pgServer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
