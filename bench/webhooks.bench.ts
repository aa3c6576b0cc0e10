// Webhook delivery under a burst of pushes: 500 small, distinct images pushed over the registry protocol to one
// repository with a webhook on it (trigger all, image.pushed), a receiver on loopback that answers 200 at once, and for
// every push the time from the manifest PUT's response to the arrival of its delivery. Targets from the product
// issue: nothing lost, p95 under 2 s. Berth runs as `npm start` does (server process, embedded Postgres, worker
// in-process). Run: npm run bench -- webhooks. Figures are printed and written to bench/results/webhooks-<timestamp>.json.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { ensureBuild } from '../scripts/ensure-build';
import { listenOnLoopback } from '../test/support/loopback-server';
import { startBerth, type Berth } from './support/berth';
import { writeResults } from './support/results';

const REPOSITORY = 'hooks/app';
const LAYER_BYTES = 1024;
/** Pushes in flight at once, per round; each round waits for its deliveries before the next one starts. */
const ROUNDS = [
  { name: 'concurrent', pushes: 500, concurrency: 4 },
  { name: 'sequential', pushes: 500, concurrency: 1 },
] as const;
/** How long after a round's last push its missing deliveries are still waited for; past this they count as lost. */
const DRAIN_MS = 60_000;

const TARGET_P95_MS = 2_000;

const log = (line: string) => console.log(`[bench] ${line}`);

interface Arrival {
  deliveryId: string;
  tag: string;
  digest: string | null;
  /** performance.now() when the request body had arrived (the receiver runs in this process, on the same clock). */
  at: number;
}

interface Receiver {
  url: string;
  /** First arrival per tag. */
  byTag: Map<string, Arrival>;
  /** Requests seen per X-Berth-Delivery id: more than one is a duplicate. */
  seen: Map<string, number>;
  /** Requests that were not a well-formed image.pushed delivery. */
  malformed: number;
  close(): Promise<void>;
}

export async function main(): Promise<object> {
  ensureBuild();
  const receiver = await startReceiver();
  let berth: Berth | undefined;
  const killOnExit = () => berth?.killNow();
  process.on('exit', killOnExit);
  try {
    berth = await startBerth({ env: { BERTH_WEBHOOK_ALLOW_PRIVATE: 'true' } });
    log(`Berth on ${berth.host} (pid ${berth.pid}), receiver on ${receiver.url}`);
    await setUp(berth, receiver.url);

    log('warm-up push (not counted)…');
    const warm = await pushImage(berth, await pushToken(berth), 'warm-up');
    await waitForTags(receiver, ['warm-up'], warm.respondedAt + DRAIN_MS);
    if (!receiver.byTag.has('warm-up')) throw new Error(`the warm-up push was never delivered; Berth's log:\n${berth.logs()}`);

    const rounds = [];
    for (const round of ROUNDS) rounds.push(await runRound(berth, receiver, round));
    const results = {
      benchmark: 'webhooks',
      startedAt: new Date(performance.timeOrigin).toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryBytes: os.totalmem(), node: process.version, loadAverage: os.loadavg() },
      setup: {
        image: `OCI manifest, a config and one ${LAYER_BYTES}-byte layer, distinct per push`,
        webhook: 'one, on the repository: trigger all, event image.pushed, default payload',
        receiver: 'node:http on 127.0.0.1 in the bench process, answers 200 at once',
        latency: 'from the manifest PUT response to the delivery request fully received',
        drainMs: DRAIN_MS,
      },
      ratio: 'none: distribution (the reference registry) has no durable webhook to compare with',
      rounds,
      targets: { lost: 0, p95Ms: TARGET_P95_MS },
      malformedRequests: receiver.malformed,
    };
    printTable(rounds);
    writeResults('webhooks', results, log);
    return results;
  } finally {
    await berth?.stop();
    process.removeListener('exit', killOnExit);
    await receiver.close();
  }
}

/** A namespace, a repository and a webhook on it, through the REST API as the admin. */
async function setUp(berth: Berth, receiverUrl: string): Promise<void> {
  const [namespace, name] = REPOSITORY.split('/') as [string, string];
  await api(berth, 'POST', '/api/v1/namespaces', { name: namespace });
  await api(berth, 'POST', '/api/v1/repositories', { namespace, name, visibility: 'private' });
  await api(berth, 'POST', `/api/v1/repositories/${REPOSITORY}/webhooks`, {
    name: 'bench receiver',
    url: `${receiverUrl}/hook`,
    trigger: { kind: 'all' },
    events: ['image.pushed'],
  });
}

async function api(berth: Berth, method: string, p: string, body: unknown): Promise<void> {
  const res = await fetch(`${berth.url}${p}`, {
    method,
    headers: { authorization: berth.authorization, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${p}: HTTP ${res.status} ${await res.text()}`);
}

// ----------------------------------------------------------------------------------------------------- rounds

async function runRound(berth: Berth, receiver: Receiver, round: (typeof ROUNDS)[number]) {
  const tags = Array.from({ length: round.pushes }, (_, i) => `${round.name}-${String(i).padStart(4, '0')}`);
  const pushed = new Map<string, { digest: string; respondedAt: number }>();
  log(`${round.name}: ${round.pushes} pushes, ${round.concurrency} in flight…`);
  const auth = await pushToken(berth);
  const t0 = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < tags.length) {
      const tag = tags[next++]!;
      pushed.set(tag, await pushImage(berth, auth, tag));
    }
  };
  await Promise.all(Array.from({ length: round.concurrency }, lane));
  const pushSeconds = (performance.now() - t0) / 1000;
  const lastResponse = Math.max(...[...pushed.values()].map((p) => p.respondedAt));
  log(`  pushed in ${pushSeconds.toFixed(1)} s; waiting for deliveries (at most ${DRAIN_MS / 1000} s after the last push)…`);
  await waitForTags(receiver, tags, lastResponse + DRAIN_MS);
  // Duplicates are retries of a delivery the receiver already had; give a late one a moment to show up.
  await sleep(1_000);

  const latencies: number[] = [];
  let wrongDigest = 0;
  for (const tag of tags) {
    const arrival = receiver.byTag.get(tag);
    if (!arrival) continue;
    latencies.push(arrival.at - pushed.get(tag)!.respondedAt);
    if (arrival.digest !== pushed.get(tag)!.digest) wrongDigest++;
  }
  const ids = tags.flatMap((tag) => (receiver.byTag.has(tag) ? [receiver.byTag.get(tag)!.deliveryId] : []));
  const duplicates = ids.reduce((n, id) => n + (receiver.seen.get(id)! - 1), 0);
  latencies.sort((a, b) => a - b);
  const result = {
    name: round.name,
    concurrency: round.concurrency,
    pushes: round.pushes,
    delivered: latencies.length,
    lost: round.pushes - latencies.length,
    duplicates,
    wrongDigest,
    pushSeconds: round2(pushSeconds),
    pushesPerSecond: round2(round.pushes / pushSeconds),
    latencyMs: latencies.length
      ? {
          median: Math.round(quantile(latencies, 0.5)),
          p95: Math.round(quantile(latencies, 0.95)),
          p99: Math.round(quantile(latencies, 0.99)),
          max: Math.round(latencies.at(-1)!),
          min: Math.round(latencies[0]!),
        }
      : null,
  };
  const l = result.latencyMs;
  log(`  delivered ${result.delivered}/${result.pushes}, duplicates ${duplicates}` + (l ? `, median ${l.median} ms, p95 ${l.p95} ms, max ${l.max} ms` : ''));
  return result;
}

async function waitForTags(receiver: Receiver, tags: string[], deadline: number): Promise<void> {
  while (performance.now() < deadline && !tags.every((t) => receiver.byTag.has(t))) await sleep(20);
}

// ------------------------------------------------------------------------------------------------------- push

/**
 * `Bearer <token>` for pull and push on the repository, fetched as docker and skopeo do: the realm and service from
 * the 401 on `GET /v2/`, then the token endpoint with the admin's Basic credentials. Every request of a push then
 * carries the token, not the password (which would cost a password hash per request).
 */
async function pushToken(berth: Berth): Promise<string> {
  const probe = await fetch(`${berth.url}/v2/`);
  await probe.arrayBuffer();
  const challenge = probe.headers.get('www-authenticate') ?? '';
  const param = (key: string) => new RegExp(`${key}="([^"]*)"`).exec(challenge)?.[1];
  const realm = param('realm');
  if (probe.status !== 401 || !realm) throw new Error(`GET /v2/: expected a 401 with a Bearer challenge, got ${probe.status} ${challenge}`);
  const url = new URL(realm, berth.url);
  url.searchParams.set('service', param('service') ?? '');
  url.searchParams.set('scope', `repository:${REPOSITORY}:pull,push`);
  const res = await fetch(url, { headers: { authorization: berth.authorization } });
  const body = (await res.json()) as { token?: string };
  if (!res.ok || !body.token) throw new Error(`token endpoint: HTTP ${res.status}`);
  return `Bearer ${body.token}`;
}

/**
 * One small image, pushed as a registry client would: each blob by a monolithic upload (POST to open the session,
 * PUT with `?digest=` and the whole body), then the manifest PUT. Returns when the manifest PUT answered.
 */
async function pushImage(berth: Berth, auth: string, tag: string): Promise<{ digest: string; respondedAt: number }> {
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, nonce: randomBytes(8).toString('hex') }),
  );
  const layer = randomBytes(LAYER_BYTES);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: await pushBlob(berth, auth, config), size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: await pushBlob(berth, auth, layer), size: layer.length }],
    }),
  );
  const res = await fetch(`${berth.url}/v2/${REPOSITORY}/manifests/${tag}`, {
    method: 'PUT',
    headers: { authorization: auth, 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
    body: new Uint8Array(manifest),
  });
  const respondedAt = performance.now();
  if (res.status !== 201) throw new Error(`PUT manifest ${tag}: HTTP ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  return { digest: sha256(manifest), respondedAt };
}

async function pushBlob(berth: Berth, authorization: string, data: Buffer): Promise<string> {
  const digest = sha256(data);
  const auth = { authorization };
  const start = await fetch(`${berth.url}/v2/${REPOSITORY}/blobs/uploads/`, { method: 'POST', headers: auth });
  await start.arrayBuffer();
  const location = start.headers.get('location');
  if (start.status !== 202 || !location) throw new Error(`POST blob upload: HTTP ${start.status}`);
  const url = new URL(location, berth.url);
  url.searchParams.set('digest', digest);
  const done = await fetch(url, { method: 'PUT', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: new Uint8Array(data) });
  if (done.status !== 201) throw new Error(`PUT blob ${digest}: HTTP ${done.status} ${await done.text()}`);
  await done.arrayBuffer();
  return digest;
}

// --------------------------------------------------------------------------------------------------- receiver

/** node:http on 127.0.0.1: answers 200 as soon as a request's body is in, and records it. */
async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = { url: '', byTag: new Map(), seen: new Map(), malformed: 0, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      const deliveryId = req.headers['x-berth-delivery'];
      let push: { tag?: unknown; digest?: unknown } | undefined;
      try {
        push = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { pushData?: typeof push }).pushData;
      } catch {
        // counted below
      }
      if (typeof deliveryId !== 'string' || typeof push?.tag !== 'string') {
        receiver.malformed++;
        return;
      }
      receiver.seen.set(deliveryId, (receiver.seen.get(deliveryId) ?? 0) + 1);
      if (!receiver.byTag.has(push.tag)) {
        receiver.byTag.set(push.tag, { deliveryId, tag: push.tag, digest: typeof push.digest === 'string' ? push.digest : null, at });
      }
    });
  });
  return Object.assign(receiver, await listenOnLoopback(server));
}

// ----------------------------------------------------------------------------------------------------- report

type RoundResult = Awaited<ReturnType<typeof runRound>>;

function printTable(rounds: RoundResult[]): void {
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  const ms = (v: number | undefined) => (v === undefined ? '-' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v} ms`);
  const rows: string[][] = [
    ['', ...rounds.map((r) => `${r.name} (${r.concurrency} in flight)`), 'target'],
    ['pushes', ...rounds.map((r) => String(r.pushes)), ''],
    ['delivered', ...rounds.map((r) => String(r.delivered)), ''],
    ['lost', ...rounds.map((r) => String(r.lost)), `0: ${rounds.map((r) => verdict(r.lost === 0)).join(' / ')}`],
    ['duplicates (same X-Berth-Delivery twice)', ...rounds.map((r) => String(r.duplicates)), ''],
    ['push → delivery, median', ...rounds.map((r) => ms(r.latencyMs?.median)), ''],
    [
      'push → delivery, p95',
      ...rounds.map((r) => ms(r.latencyMs?.p95)),
      `< ${TARGET_P95_MS / 1000} s: ${rounds.map((r) => verdict((r.latencyMs?.p95 ?? Infinity) < TARGET_P95_MS)).join(' / ')}`,
    ],
    ['push → delivery, p99', ...rounds.map((r) => ms(r.latencyMs?.p99)), ''],
    ['push → delivery, max', ...rounds.map((r) => ms(r.latencyMs?.max)), ''],
    ['push throughput', ...rounds.map((r) => `${r.pushesPerSecond.toFixed(1)} pushes/s`), ''],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  console.log('');
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  const wrong = rounds.reduce((n, r) => n + r.wrongDigest, 0);
  if (wrong) console.log(`warning: ${wrong} deliveries named a digest other than the one pushed`);
  console.log('No ratio: distribution, the reference registry, has no durable webhook to compare with (its notifications');
  console.log('are queued in memory and lost on restart), so these figures are Berth\'s alone, against the issue\'s targets.');
  console.log('');
}

// ------------------------------------------------------------------------------------------------------ misc

/** Nearest-rank quantile of sorted values. */
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function sha256(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round2 = (v: number) => Math.round(v * 100) / 100;
