// Berth's registry side by side with the CNCF distribution registry (2.8) on this machine: push and pull wall
// time with skopeo, HEAD-manifest throughput with autocannon, and Berth's memory while a 1 GiB layer streams in.
// Run: npm run bench -- registry. Figures are printed and written to bench/results/registry-<timestamp>.json.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { expectOk, skopeoCopy, type Creds } from '../test/support/clients';
import { buildImage, type BuiltImage } from '../test/support/images';
import { requireTool, runOk } from '../test/support/tools';
import { ensureBuild } from '../scripts/ensure-build';
import { skipBodyAfterHeaders, type AutocannonClient } from './support/autocannon';
import { readMemory, readRssBytes, startBerth, type Berth } from './support/berth';
import { startDistribution, type Distribution } from './support/distribution';
import { writeResults } from './support/results';

const LAYERS = 5;
const LAYER_BYTES = 20 * 1024 * 1024;
const BIG_LAYER_BYTES = 1024 * 1024 * 1024;
const REPETITIONS = 5;
const PARALLEL_IMAGES = 20;
const PARALLEL_LAYER_BYTES = 5 * 1024 * 1024;
const HEAD_SECONDS = 10;
const HEAD_CONNECTIONS = 32;
const RSS_INTERVAL_MS = 100;
/** The whole benchmark, builds included; past this it stops everything and exits. */
const TIME_LIMIT_MS = 40 * 60_000;

const TARGET_PUSH_RATIO = 1.1; // Berth's push time ≤ 1.10 × distribution's
const TARGET_PULL_RATIO = 1.0; // Berth's pull time ≤ distribution's
const TARGET_RSS_GROWTH_BYTES = 100e6; // < 100 MB

interface Target {
  name: 'berth' | 'distribution';
  host: string;
  url: string;
  creds?: Creds;
  /** Headers autocannon sends besides Accept. */
  headers: Record<string, string>;
}

const log = (line: string) => console.log(`[bench] ${line}`);

export async function main(): Promise<object> {
  for (const tool of ['skopeo', 'umoci', 'docker-registry', 'unshare']) requireTool(tool);
  const cleanup = new Cleanup();
  const watchdog = setTimeout(() => {
    console.error(`[bench] time limit of ${TIME_LIMIT_MS / 60_000} minutes reached: stopping everything`);
    process.exit(124); // the 'exit' handler below still stops the servers and removes the temp files
  }, TIME_LIMIT_MS);
  watchdog.unref();
  try {
    return await measure(cleanup);
  } finally {
    clearTimeout(watchdog);
    await cleanup.run();
  }
}

async function measure(cleanup: Cleanup): Promise<object> {
  const started = performance.now();
  const work = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-work-'));
  cleanup.add(() => rmSync(work, { recursive: true, force: true }));

  log(`building an image of ${LAYERS} × ${mib(LAYER_BYTES)} random layers…`);
  const image = await timed(() =>
    buildImage({ dir: path.join(work, 'small'), tag: 'bench', layers: Array(LAYERS).fill({ randomBytes: LAYER_BYTES }) }),
  );
  log(`  built in ${secs(image.ms)}`);

  ensureBuild();
  log('starting Berth and distribution…');
  // allSettled, not all: when one fails to start, the other must still be registered for stopping.
  const [berthStart, distStart] = await Promise.allSettled([
    startBerth().then((b) => cleanup.addServer(b)),
    startDistribution().then((d) => cleanup.addServer(d)),
  ]);
  if (berthStart.status === 'rejected') throw berthStart.reason;
  if (distStart.status === 'rejected') throw distStart.reason;
  const [berth, dist] = [berthStart.value, distStart.value];
  log(`  Berth on ${berth.host} (serving pid ${berth.pid}), distribution on ${dist.host} (pid ${dist.pid})`);
  const targets: Target[] = [
    {
      name: 'berth',
      host: berth.host,
      url: berth.url,
      creds: { username: berth.username, password: berth.password },
      headers: { authorization: berth.authorization },
    },
    { name: 'distribution', host: dist.host, url: dist.url, headers: {} },
  ];

  // Not timed: warms both servers up and is what the pulls and HEAD requests read.
  log('warm-up push (not timed)…');
  for (const t of targets) await push(image.value, t, 'bench/warm');

  const pushes = await repeat(targets, 'push', async (t, i) => {
    const ms = await push(image.value, t, `bench/push-${i}-${randomBytes(4).toString('hex')}`);
    return ms;
  });
  const pulls = await repeat(targets, 'pull', async (t, i) => {
    const out = path.join(work, `pull-${t.name}-${i}`);
    const t0 = performance.now();
    expectOk(await skopeoCopy(`docker://${t.host}/bench/warm:latest`, `dir:${out}`, { srcCreds: t.creds }));
    const ms = performance.now() - t0;
    rmSync(out, { recursive: true, force: true });
    return ms;
  });

  const parallel = await parallelPushes(work, targets);

  const head: Record<string, HeadResult> = {};
  for (const t of targets) {
    log(`HEAD manifest, ${HEAD_SECONDS} s × ${HEAD_CONNECTIONS} connections → ${t.name}…`);
    head[t.name] = await headLoad(t);
    log(`  ${fmtInt(head[t.name].requestsPerSecond)} req/s, p99 ${head[t.name].latencyP99Ms} ms, non-2xx ${head[t.name].non2xx}`);
  }

  log(`building an image with one ${mib(BIG_LAYER_BYTES)} random layer…`);
  const big = await timed(() => buildImage({ dir: path.join(work, 'big'), tag: 'big', layers: [{ randomBytes: BIG_LAYER_BYTES }] }));
  log(`  built in ${secs(big.ms)}`);
  rmSync(path.join(work, 'small'), { recursive: true, force: true });
  const rss = await rssDuringPush(big.value, targets[0], berth);

  const results = {
    benchmark: 'registry',
    startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
    durationSeconds: round((performance.now() - started) / 1000, 1),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryBytes: os.totalmem(), node: process.version },
    versions: { skopeo: await firstLine('skopeo', ['--version']), distribution: await firstLine('docker-registry', ['--version']) },
    image: { layers: LAYERS, layerBytes: LAYER_BYTES, layout: 'OCI, gzip layers (umoci)' },
    ratios: 'every ratio is Berth ÷ distribution: for times lower is better, for requests per second higher is better',
    push: summary(pushes),
    pull: summary(pulls),
    parallelPush: parallel,
    headManifest: {
      seconds: HEAD_SECONDS,
      connections: HEAD_CONNECTIONS,
      berth: head.berth,
      distribution: head.distribution,
      ratio: round(head.berth.requestsPerSecond / head.distribution.requestsPerSecond, 3),
    },
    rss,
    targets: {
      push: { maxRatio: TARGET_PUSH_RATIO, met: summary(pushes).ratio <= TARGET_PUSH_RATIO },
      pull: { maxRatio: TARGET_PULL_RATIO, met: summary(pulls).ratio <= TARGET_PULL_RATIO },
      rssGrowth: { maxBytes: TARGET_RSS_GROWTH_BYTES, met: rss.growthBytes < TARGET_RSS_GROWTH_BYTES },
    },
  };
  printTable(results);
  writeResults('registry', results, log);
  return results;
}

/** skopeo copy of the image to `repo:latest`; returns wall time in ms (client start-up included, same for both). */
async function push(image: BuiltImage, t: Target, repo: string, timeoutMs = 300_000): Promise<number> {
  const t0 = performance.now();
  expectOk(await skopeoCopy(image.ref, `docker://${t.host}/${repo}:latest`, { destCreds: t.creds, timeoutMs }));
  return performance.now() - t0;
}

type Runs = Record<Target['name'], number[]>;

/** REPETITIONS rounds; the order of the two registries alternates between rounds so neither always goes first. */
async function repeat(targets: Target[], what: string, once: (t: Target, i: number) => Promise<number>): Promise<Runs> {
  const runs: Runs = { berth: [], distribution: [] };
  for (let i = 0; i < REPETITIONS; i++) {
    for (const t of i % 2 ? [...targets].reverse() : targets) {
      const ms = await once(t, i);
      runs[t.name].push(ms);
      log(`${what} ${i + 1}/${REPETITIONS} → ${t.name}: ${secs(ms)}`);
    }
  }
  return runs;
}

function summary(runs: Runs) {
  const berth = median(runs.berth);
  const distribution = median(runs.distribution);
  return {
    berth: { runsMs: runs.berth.map((v) => round(v, 0)), medianMs: round(berth, 0) },
    distribution: { runsMs: runs.distribution.map((v) => round(v, 0)), medianMs: round(distribution, 0) },
    ratio: round(berth / distribution, 3),
  };
}

// -------------------------------------------------------------------------------------------- parallel push

/**
 * PARALLEL_IMAGES distinct images (one random layer each, so no push finds another's blobs) pushed all at once;
 * the wall time from the first start to the last finish. Each registry gets the same images, Berth first.
 */
async function parallelPushes(work: string, targets: Target[]) {
  log(`building ${PARALLEL_IMAGES} images of one ${mib(PARALLEL_LAYER_BYTES)} random layer…`);
  const images: BuiltImage[] = [];
  for (let i = 0; i < PARALLEL_IMAGES; i++) {
    images.push(await buildImage({ dir: path.join(work, 'parallel'), tag: `p${i}`, layers: [{ randomBytes: PARALLEL_LAYER_BYTES }] }));
  }
  const wall: Record<Target['name'], number> = { berth: 0, distribution: 0 };
  for (const t of targets) {
    const t0 = performance.now();
    await Promise.all(images.map((image, i) => push(image, t, `bench/parallel-${i}-${randomBytes(4).toString('hex')}`)));
    wall[t.name] = performance.now() - t0;
    log(`${PARALLEL_IMAGES} parallel pushes → ${t.name}: ${secs(wall[t.name])}`);
  }
  rmSync(path.join(work, 'parallel'), { recursive: true, force: true });
  return {
    images: PARALLEL_IMAGES,
    layerBytes: PARALLEL_LAYER_BYTES,
    berthMs: round(wall.berth, 0),
    distributionMs: round(wall.distribution, 0),
    ratio: round(wall.berth / wall.distribution, 3),
  };
}

// ------------------------------------------------------------------------------------------------------ HEAD

interface HeadResult {
  requestsPerSecond: number;
  total: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

type Autocannon = (opts: {
  url: string;
  method: 'HEAD';
  connections: number;
  duration: number;
  headers: Record<string, string>;
  setupClient: (client: AutocannonClient) => void;
}) => Promise<AutocannonResult>;

const ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

async function headLoad(t: Target): Promise<HeadResult> {
  const url = `${t.url}/v2/bench/warm/manifests/latest`;
  const headers = { accept: ACCEPT, ...t.headers };
  // One request first, so a refused one fails here with a reason instead of as a row of non-2xx counts.
  const probe = await fetch(url, { method: 'HEAD', headers, signal: AbortSignal.timeout(10_000) });
  if (probe.status !== 200) throw new Error(`HEAD ${url} answered ${probe.status}, expected 200`);

  // No types ship with autocannon; the shape used here is declared above.
  const require = createRequire(import.meta.url);
  const autocannon = require('autocannon') as Autocannon;
  const res = await autocannon({
    url,
    method: 'HEAD',
    connections: HEAD_CONNECTIONS,
    duration: HEAD_SECONDS,
    headers,
    setupClient: skipBodyAfterHeaders,
  });
  return {
    requestsPerSecond: round(res.requests.average, 0),
    total: res.requests.total,
    latencyP50Ms: res.latency.p50,
    latencyP99Ms: res.latency.p99,
    non2xx: res.non2xx,
    errors: res.errors,
    timeouts: res.timeouts,
  };
}

// ------------------------------------------------------------------------------------------------------- RSS

async function rssDuringPush(image: BuiltImage, t: Target, berth: Berth) {
  const baselineSamples: number[] = [];
  for (let i = 0; i < 10; i++) {
    baselineSamples.push(mustRss(berth.pid));
    await sleep(RSS_INTERVAL_MS);
  }
  const baseline = median(baselineSamples);
  let peak = baseline;
  let anonAtPeak = readMemory(berth.pid)?.anon ?? 0;
  let samples = 0;
  const timer = setInterval(() => {
    const mem = readMemory(berth.pid);
    if (mem === undefined) return;
    samples++;
    if (mem.rss > peak) {
      peak = mem.rss;
      anonAtPeak = mem.anon;
    }
  }, RSS_INTERVAL_MS);
  log(`pushing the ${mib(BIG_LAYER_BYTES)} layer to Berth, sampling its RSS every ${RSS_INTERVAL_MS} ms (baseline ${mib(baseline)})…`);
  let ms: number;
  try {
    ms = await push(image, t, `bench/big-${randomBytes(4).toString('hex')}`, 900_000);
    await sleep(500); // the manifest PUT and anything the server does right after
  } finally {
    clearInterval(timer);
  }
  log(`  pushed in ${secs(ms)}; peak RSS ${mib(peak)} (anonymous ${mib(anonAtPeak)}), growth ${mib(peak - baseline)}`);
  return {
    layerBytes: BIG_LAYER_BYTES,
    pid: berth.pid,
    intervalMs: RSS_INTERVAL_MS,
    samples,
    pushMs: round(ms, 0),
    baselineBytes: baseline,
    peakBytes: peak,
    /** RssAnon at the peak sample: heap and buffers, as opposed to file pages the process has mapped. */
    peakAnonBytes: anonAtPeak,
    growthBytes: peak - baseline,
  };
}

function mustRss(pid: number): number {
  const rss = readRssBytes(pid);
  if (rss === undefined) throw new Error(`cannot read VmRSS of pid ${pid}: is Berth still running?`);
  return rss;
}

// ----------------------------------------------------------------------------------------------------- report

function printTable(r: {
  push: ReturnType<typeof summary>;
  pull: ReturnType<typeof summary>;
  parallelPush: Awaited<ReturnType<typeof parallelPushes>>;
  headManifest: { berth: HeadResult; distribution: HeadResult; ratio: number };
  rss: Awaited<ReturnType<typeof rssDuringPush>>;
  targets: Record<'push' | 'pull' | 'rssGrowth', { met: boolean }>;
}): void {
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  const rows: string[][] = [
    ['', 'Berth', 'distribution', 'Berth ÷ distribution', 'target'],
    [
      `push ${LAYERS}×${mib(LAYER_BYTES)} (median of ${REPETITIONS})`,
      secs(r.push.berth.medianMs),
      secs(r.push.distribution.medianMs),
      `${r.push.ratio.toFixed(2)}× time`,
      `≤ ${TARGET_PUSH_RATIO.toFixed(2)}×: ${verdict(r.targets.push.met)}`,
    ],
    [
      `pull ${LAYERS}×${mib(LAYER_BYTES)} (median of ${REPETITIONS})`,
      secs(r.pull.berth.medianMs),
      secs(r.pull.distribution.medianMs),
      `${r.pull.ratio.toFixed(2)}× time`,
      `≤ ${TARGET_PULL_RATIO.toFixed(2)}×: ${verdict(r.targets.pull.met)}`,
    ],
    [
      `${PARALLEL_IMAGES} parallel pushes of distinct ${mib(PARALLEL_LAYER_BYTES)} images (wall)`,
      secs(r.parallelPush.berthMs),
      secs(r.parallelPush.distributionMs),
      `${r.parallelPush.ratio.toFixed(2)}× time`,
      'none (lower is better)',
    ],
    [
      `HEAD manifest req/s (${HEAD_SECONDS} s, ${HEAD_CONNECTIONS} conns)`,
      fmtInt(r.headManifest.berth.requestsPerSecond),
      fmtInt(r.headManifest.distribution.requestsPerSecond),
      `${r.headManifest.ratio.toFixed(2)}× throughput`,
      'none (higher is better)',
    ],
    [
      `HEAD manifest p99 latency`,
      `${r.headManifest.berth.latencyP99Ms} ms`,
      `${r.headManifest.distribution.latencyP99Ms} ms`,
      '',
      '',
    ],
    [
      `Berth RSS growth, ${mib(BIG_LAYER_BYTES)} push`,
      `${mib(r.rss.growthBytes)} (${mib(r.rss.baselineBytes)} → ${mib(r.rss.peakBytes)})`,
      '',
      '',
      `< ${TARGET_RSS_GROWTH_BYTES / 1e6} MB: ${verdict(r.targets.rssGrowth.met)}`,
    ],
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  console.log('');
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  console.log('Ratios are Berth ÷ distribution: for times, lower is better; for requests per second, higher is better.');
  const errs = r.headManifest.berth.non2xx + r.headManifest.berth.errors + r.headManifest.berth.timeouts;
  if (errs) console.log(`warning: Berth answered ${errs} HEAD requests with an error, a non-2xx status or not at all`);
  console.log('');
}

// ------------------------------------------------------------------------------------------------------ misc

/** Stops servers and removes files on the way out, including on Ctrl-C, a time-out, or a crash. */
class Cleanup {
  private syncSteps: Array<() => void> = [];
  private asyncSteps: Array<() => Promise<void>> = [];
  private readonly onExit = () => {
    for (const step of this.syncSteps.reverse()) {
      try {
        step();
      } catch {
        // keep going: the other steps matter more than this one's error
      }
    }
    this.syncSteps = [];
  };
  private readonly onSignal = (signal: NodeJS.Signals) => {
    console.error(`[bench] ${signal}: stopping everything`);
    process.exit(130);
  };

  constructor() {
    process.on('exit', this.onExit);
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  add(step: () => void): void {
    this.syncSteps.push(step);
  }

  addServer<S extends { stop(): Promise<void>; killNow(): void }>(server: S): S {
    this.syncSteps.push(() => server.killNow());
    this.asyncSteps.push(() => server.stop());
    return server;
  }

  async run(): Promise<void> {
    await Promise.all(this.asyncSteps.map((stop) => stop().catch((e) => console.error(`[bench] stop failed: ${e}`))));
    this.asyncSteps = [];
    this.onExit();
    process.removeListener('exit', this.onExit);
    process.removeListener('SIGINT', this.onSignal);
    process.removeListener('SIGTERM', this.onSignal);
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

async function firstLine(tool: string, args: string[]): Promise<string> {
  return (await runOk(requireTool(tool), args)).stdout.split('\n')[0].trim();
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
