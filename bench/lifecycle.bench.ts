// Storage lifecycle: garbage collection of 100,000 blobs and 50,000 manifests while the registry serves (HEAD
// manifest latency before and during the run), and /v2 manifest GET throughput with pull statistics on and off.
// Runs in one process as `npm start` does by default (server and worker together): the embedded Postgres, the /v2
// handler on loopback, the collection in the same event loop. Seeding writes rows with bulk SQL INSERTs and one real
// file per blob in the registry's own storage (a push of 100,000 blobs would measure the push).
// Run: npm run bench -- lifecycle (BENCH_GC_MANIFESTS=5000 for a smaller trial).
// Targets from the product issue: the collection under 60 s, HEAD p99 under 100 ms during it, pull statistics
// costing under 5% of GET throughput.
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../lib/config';
import { boot } from '../lib/server/boot';
import { createHttpServer } from '../lib/server/create-http-server';
import { queueGcRun } from '../lib/services/gc/request-gc';
import { runGc } from '../lib/services/gc/run-gc';
import { flushPulls } from '../lib/services/manifests/record-pull';
import { blobKey } from '../lib/storage/keys';
import { skipBodyAfterHeaders } from './support/autocannon';
import { writeResults } from './support/results';

// Collected: 50,000 untagged manifests with 2 blobs of their own each (100,000 blobs). Kept: 10,000 tagged manifests
// with a config of their own; every manifest, kept or not, also lists one shared base layer, which must survive.
const DEAD = Number(process.env.BENCH_GC_MANIFESTS ?? 50_000);
const KEPT = Math.max(1, Math.round(DEAD / 5));
const LOAD_SECONDS = 8;
const CONNECTIONS = 10;
// HEAD latency before and during the collection is measured at a steady rate, as clients pulling send them, not at
// saturation (where p99 is queueing behind the load generator's own requests on a small machine).
const HEAD_RATE = Number(process.env.BENCH_HEAD_RATE ?? 200);
const PASSWORD = 'bench-password-1';
const log = (line: string) => console.log(`[bench] ${line}`);

type Autocannon = (opts: Record<string, unknown>) => Promise<{ requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }>;

export async function main(): Promise<object> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-lifecycle-'));
  const storageRoot = path.join(dataDir, 'storage');
  const booted = await boot({ ...loadConfig({}), dataDir, storage: { driver: 'fs', rootDir: storageRoot }, port: 0, worker: false, adminPassword: PASSWORD }, log);
  const { app } = booted;
  const server = createHttpServer(app, {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const authorization = `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`;
  try {
    const seedMs = await seed(app, storageRoot);
    log(`seeded ${DEAD + KEPT} manifests (${DEAD} untagged) and ${2 * DEAD + KEPT + 1} blobs with their files in ${(seedMs / 1000).toFixed(1)} s`);
    const head = { url: `${url}/v2/bench/gc/manifests/t0`, method: 'HEAD', headers: { authorization, accept: 'application/vnd.oci.image.manifest.v1+json' } };
    const before = await load(head, LOAD_SECONDS, undefined, HEAD_RATE);
    log(`HEAD before (${HEAD_RATE} req/s offered): ${before.requests.average} req/s, p50 ${before.latency.p50} ms, p99 ${before.latency.p99} ms`);

    const run = await queueGcRun(app, { deleteUntagged: true, gracePeriodSeconds: 3600, dryRun: false, trigger: 'manual', requestedBy: 'bench' });
    const load0 = os.loadavg()[0];
    const t0 = performance.now();
    const during = load(head, 3600, () => done, HEAD_RATE);
    let done = false;
    const steps: Record<string, number> = {};
    await runGc(app, run.id, { onStep: (step, ms) => void (steps[step] = +(ms / 1000).toFixed(1)) });
    const gcMs = performance.now() - t0;
    done = true;
    const duringResult = await during;
    const finished = await app.db.gcRun.findUniqueOrThrow({ where: { id: run.id } });
    log(`GC: ${finished.status}, ${finished.manifestsDeleted} manifests, ${finished.blobsDeleted} blobs, ${Number(finished.bytesFreed)} bytes in ${(gcMs / 1000).toFixed(1)} s`);
    log(`machine: ${os.cpus().length} cores, 1-minute load average ${load0.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end`);
    log(`GC steps (s): manifests ${steps.manifests}, blobs (mark and sweep) ${steps.blobs}, unrecorded files ${steps.files}`);
    const left = await app.db.$queryRaw<Array<{ manifests: number; blobs: number }>>`
      SELECT (SELECT count(*)::int FROM manifests) AS manifests, (SELECT count(*)::int FROM blobs) AS blobs`;
    let files = 0;
    for await (const _ of app.storage.list('blobs/')) files++;
    log(`left: ${left[0]!.manifests} manifests, ${left[0]!.blobs} blobs, ${files} blob files (expected ${KEPT}, ${KEPT + 1}, ${KEPT + 1})`);
    log(`HEAD during GC (${HEAD_RATE} req/s offered): ${duringResult.requests.average} req/s, p50 ${duringResult.latency.p50} ms, p99 ${duringResult.latency.p99} ms`);

    const get = { url: `${url}/v2/bench/gc/manifests/t1`, method: 'GET', headers: { authorization, accept: 'application/vnd.oci.image.manifest.v1+json' } };
    app.config.pullStats = false;
    const off = await load(get, LOAD_SECONDS);
    app.config.pullStats = true;
    const on = await load(get, LOAD_SECONDS);
    await flushPulls(app);
    const offAgain = ((app.config.pullStats = false), await load(get, LOAD_SECONDS));
    const offAvg = (off.requests.average + offAgain.requests.average) / 2;
    const costPct = ((offAvg - on.requests.average) / offAvg) * 100;
    log(`GET manifest: pull statistics off ${off.requests.average} / ${offAgain.requests.average} req/s, on ${on.requests.average} req/s (${costPct.toFixed(1)}% slower)`);

    const result = {
      machine: `${os.cpus().length} cores, shared (1-minute load average ${load0.toFixed(1)} when the collection started)`,
      seeded: { manifests: DEAD + KEPT, blobs: 2 * DEAD + KEPT + 1, seconds: +(seedMs / 1000).toFixed(1) },
      left: { manifests: left[0]!.manifests, blobs: left[0]!.blobs, files },
      gc: { seconds: +(gcMs / 1000).toFixed(1), steps, loadAverage: os.loadavg()[0], manifestsDeleted: finished.manifestsDeleted, blobsDeleted: finished.blobsDeleted, status: finished.status, targetSeconds: 60 },
      headBefore: { offeredRps: HEAD_RATE, rps: before.requests.average, p50Ms: before.latency.p50, p99Ms: before.latency.p99 },
      headDuringGc: { offeredRps: HEAD_RATE, rps: duringResult.requests.average, p50Ms: duringResult.latency.p50, p99Ms: duringResult.latency.p99, non2xx: duringResult.non2xx, targetP99Ms: 100 },
      pullStats: { offRps: offAvg, onRps: on.requests.average, costPercent: +costPct.toFixed(1), targetPercent: 5 },
    };
    writeResults('lifecycle', result, log);
    console.table({ ...result.gc, headP99BeforeMs: result.headBefore.p99Ms, headP99DuringMs: result.headDuringGc.p99Ms, pullStatsCostPercent: result.pullStats.costPercent });
    return result;
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await booted.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * One repository: DEAD untagged manifests, two days old, each with a config and a layer of its own and the shared
 * base layer; KEPT tagged manifests (t0, t1, …) with a config of their own and the base layer. Every blob has its row,
 * its repository link and a 64-byte file. A collection with an hour's grace deletes the DEAD manifests and their
 * 2 × DEAD blobs (rows and files), and keeps the rest.
 */
async function seed(app: Awaited<ReturnType<typeof boot>>['app'], storageRoot: string): Promise<number> {
  const t0 = performance.now();
  const db = app.db;
  const owner = await db.user.findUniqueOrThrow({ where: { username: 'admin' } });
  const ns = await db.namespace.create({ data: { name: 'bench', ownerId: owner.id } });
  const repo = await db.repository.create({ data: { name: 'bench/gc', namespaceId: ns.id } });
  const old = new Date(Date.now() - 2 * 86_400_000);
  const hash = (label: string) => `'sha256:' || encode(sha256((${label})::bytea), 'hex')`;
  // Blob names: dead-config-i, dead-layer-i, kept-config-i, base. Manifest names: dead-i, kept-i.
  await db.$executeRawUnsafe(`INSERT INTO blobs (digest, size, created_at)
    SELECT ${hash("'dead-' || k || '-' || i")}, 64, $1::timestamp FROM generate_series(0, ${DEAD - 1}) i CROSS JOIN unnest(ARRAY['config', 'layer']) k
    UNION ALL SELECT ${hash("'kept-config-' || i")}, 64, $1::timestamp FROM generate_series(0, ${KEPT - 1}) i
    UNION ALL SELECT ${hash("'base'")}, 64, $1::timestamp`, old);
  await db.$executeRaw`INSERT INTO repository_blobs (repository_id, digest, created_at) SELECT ${repo.id}::uuid, digest, ${old} FROM blobs`;
  await db.$executeRawUnsafe(`INSERT INTO manifests (repository_id, digest, media_type, size, content, config_digest, created_at)
    SELECT $1::uuid, ${hash("'manifest-dead-' || i")}, 'application/vnd.oci.image.manifest.v1+json', 2, convert_to('{}', 'UTF8'),
      ${hash("'dead-config-' || i")}, $2::timestamp FROM generate_series(0, ${DEAD - 1}) i
    UNION ALL
    SELECT $1::uuid, ${hash("'manifest-kept-' || i")}, 'application/vnd.oci.image.manifest.v1+json', 2, convert_to('{}', 'UTF8'),
      ${hash("'kept-config-' || i")}, $2::timestamp FROM generate_series(0, ${KEPT - 1}) i`, repo.id, old);
  await db.$executeRawUnsafe(`INSERT INTO manifest_blobs (manifest_id, digest, role, position, size, media_type)
    SELECT m.id, CASE p WHEN 0 THEN ${hash("'dead-config-' || i")} WHEN 1 THEN ${hash("'base'")} ELSE ${hash("'dead-layer-' || i")} END,
      CASE WHEN p = 0 THEN 'config' ELSE 'layer' END, p, 64, 'application/octet-stream'
    FROM generate_series(0, ${DEAD - 1}) i CROSS JOIN generate_series(0, 2) p
    JOIN manifests m ON m.repository_id = $1::uuid AND m.digest = ${hash("'manifest-dead-' || i")}
    UNION ALL
    SELECT m.id, CASE p WHEN 0 THEN ${hash("'kept-config-' || i")} ELSE ${hash("'base'")} END,
      CASE WHEN p = 0 THEN 'config' ELSE 'layer' END, p, 64, 'application/octet-stream'
    FROM generate_series(0, ${KEPT - 1}) i CROSS JOIN generate_series(0, 1) p
    JOIN manifests m ON m.repository_id = $1::uuid AND m.digest = ${hash("'manifest-kept-' || i")}`, repo.id);
  await db.$executeRawUnsafe(`INSERT INTO tags (repository_id, name, manifest_id, pushed_at)
    SELECT $1::uuid, 't' || i, m.id, now() FROM generate_series(0, ${KEPT - 1}) i
    JOIN manifests m ON m.repository_id = $1::uuid AND m.digest = ${hash("'manifest-kept-' || i")}`, repo.id);
  // Fresh statistics, as autovacuum would gather them: the planner otherwise guesses on tables it has never seen.
  await db.$executeRawUnsafe('ANALYZE');
  const digests = await db.$queryRaw<Array<{ digest: string }>>`SELECT digest FROM blobs`;
  const bytes = Buffer.alloc(64, 1);
  const dirs = new Set(digests.map((d) => path.dirname(path.join(storageRoot, blobKey(d.digest)))));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  for (let start = 0; start < digests.length; start += 256) {
    await Promise.all(digests.slice(start, start + 256).map((d) => writeFile(path.join(storageRoot, blobKey(d.digest)), bytes)));
  }
  return performance.now() - t0;
}

/** autocannon against one URL for `seconds`, or until `stop()` says so (checked every 250 ms); at `rate` req/s when given. */
async function load(target: { url: string; method: string; headers: Record<string, string> }, seconds: number, stop?: () => boolean, rate?: number) {
  const require = createRequire(import.meta.url);
  const autocannon = require('autocannon') as Autocannon;
  type Result = Awaited<ReturnType<Autocannon>>;
  const run = autocannon as unknown as (opts: Record<string, unknown>, cb: (err: Error | null, res: Result) => void) => { stop(): void };
  return new Promise<Result>((resolve, reject) => {
    const instance = run(
      {
        ...target,
        connections: CONNECTIONS,
        ...(rate ? { overallRate: rate } : {}),
        duration: seconds,
        // autocannon waits for the body a HEAD response announces; tell its parser to skip it (see support/autocannon.ts).
        setupClient: target.method === 'HEAD' ? skipBodyAfterHeaders : undefined,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    if (stop) {
      const timer = setInterval(() => {
        if (stop()) {
          clearInterval(timer);
          instance.stop();
        }
      }, 250);
    }
  });
}
