// Scale-out figures: blob push and pull (5 × 20 MiB) on S3 against the filesystem driver in the same run, Berth's
// memory while a 1 GiB layer is pushed to S3, and HEAD-manifest throughput of two instances behind a round-robin
// proxy against one. Registry processes are test/support/registry-process.ts (the registry without the console);
// S3 is s3rver in this process, the shared database Debian's postgresql. Requests are made with Node's HTTP client
// as real clients send them (POST, one streamed PATCH, PUT ?digest=).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../lib/server/free-port';
import { startTestS3, type TestS3 } from '../test/support/s3';
import { startSystemPostgres } from '../test/support/system-postgres';
import { PROJECT_ROOT } from './support/berth';

const MiB = 1024 * 1024;
const password = randomBytes(9).toString('hex');
const authorization = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

interface Instance {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-scaleout-'));
  const port = await findFreePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/support/registry-process.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', BERTH_DATA_DIR: dir, BERTH_ADMIN_PASSWORD: password, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c));
  child.stderr!.on('data', (c: Buffer) => (out += c));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', () => reject(new Error(`instance exited:\n${out}`)));
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function request(url: string, method: string, body?: AsyncIterable<Uint8Array> | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { Authorization: authorization, ...headers } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes }));
    });
    req.on('error', reject);
    if (body === undefined) req.end();
    else if (Buffer.isBuffer(body)) req.end(body);
    else void (async () => {
      for await (const chunk of body) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      req.end();
    })();
  });
}

/** POST, one streamed PATCH without a length (as docker and podman send it), PUT ?digest=. */
async function pushBlob(base: string, repo: string, body: () => AsyncIterable<Uint8Array>, digest: string): Promise<void> {
  const start = await request(`${base}/v2/${repo}/blobs/uploads/`, 'POST', Buffer.alloc(0));
  const loc = new URL(start.headers.location!, base);
  const patch = await request(loc.href, 'PATCH', body(), { 'Content-Type': 'application/octet-stream' });
  const put = new URL(patch.headers.location!, base);
  put.searchParams.set('digest', digest);
  const done = await request(put.href, 'PUT', Buffer.alloc(0));
  if (done.status !== 201) throw new Error(`push failed: ${done.status}`);
}

async function* from(buf: Buffer): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += 256 * 1024) yield buf.subarray(i, i + 256 * 1024);
}

async function pushPull(base: string, layers: Array<{ data: Buffer; digest: string }>): Promise<{ push: number; pull: number }> {
  const repo = `bench/r${randomBytes(4).toString('hex')}`;
  const t0 = performance.now();
  await Promise.all(layers.map((l) => pushBlob(base, repo, () => from(l.data), l.digest)));
  const t1 = performance.now();
  await Promise.all(layers.map(async (l) => {
    const res = await request(`${base}/v2/${repo}/blobs/${l.digest}`, 'GET');
    if (res.bytes !== l.data.length) throw new Error('short pull');
  }));
  return { push: t1 - t0, pull: performance.now() - t1 };
}

function rss(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
}

async function rssDuringGiBPush(i: Instance): Promise<{ baseline: number; peak: number }> {
  const baseline = rss(i.pid);
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, rss(i.pid))), 100);
  const chunk = randomBytes(MiB);
  const hash = createHash('sha256');
  for (let n = 0; n < 1024; n++) hash.update(chunk);
  async function* gib() {
    for (let n = 0; n < 1024; n++) yield chunk;
  }
  try {
    await pushBlob(i.url, 'bench/big', gib, `sha256:${hash.digest('hex')}`);
  } finally {
    clearInterval(timer);
  }
  return { baseline, peak };
}

/** A round-robin HTTP proxy over `targets`, as a minimal load balancer. */
async function startProxy(targets: string[]): Promise<{ url: string; close(): void }> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const target = new URL(req.url!, targets[next++ % targets.length]);
    const up = http.request(target, { method: req.method, headers: req.headers, agent }, (r) => {
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  const port = await findFreePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

async function headLoad(url: string, bearer: string, seconds = 10, connections = 16): Promise<{ rps: number; p99: number }> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const res = await request(url, 'HEAD', undefined, { Accept: 'application/vnd.oci.image.manifest.v1+json', Authorization: `Bearer ${bearer}` });
      if (res.status !== 200) throw new Error(`HEAD answered ${res.status}`);
      latencies.push(performance.now() - t);
    }
  }));
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p99: latencies[Math.floor(latencies.length * 0.99)]! };
}

async function pushManifest(base: string, repo: string): Promise<void> {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
  const configDigest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
  await pushBlob(base, repo, () => from(config), configDigest);
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length }, layers: [] }));
  const res = await request(`${base}/v2/${repo}/manifests/latest`, 'PUT', manifest, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' });
  if (res.status !== 201) throw new Error(`manifest push failed: ${res.status}`);
}

async function tokenFor(base: string, repo: string): Promise<string> {
  const res = await fetch(`${base}/auth/token?service=berth-registry&scope=repository:${repo}:pull`, { headers: { Authorization: authorization } });
  return ((await res.json()) as { token: string }).token;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const s3env = (s3: TestS3, prefix: string) => {
  const s = s3.settings();
  return { BERTH_STORAGE: 's3', BERTH_S3_BUCKET: s.bucket, BERTH_S3_ENDPOINT: s.endpoint!, BERTH_S3_ACCESS_KEY_ID: s.accessKeyId!, BERTH_S3_SECRET_ACCESS_KEY: s.secretAccessKey!, BERTH_S3_FORCE_PATH_STYLE: 'true', BERTH_S3_PREFIX: prefix };
};

export async function main(): Promise<object> {
  const s3 = await startTestS3();
  const database = await startSystemPostgres();
  const started: Instance[] = [];
  try {
    const fs = await startInstance({});
    const onS3 = await startInstance(s3env(s3, 'single'));
    started.push(fs, onS3);
    const layers = Array.from({ length: 5 }, () => {
      const data = randomBytes(20 * MiB);
      return { data, digest: `sha256:${createHash('sha256').update(data).digest('hex')}` };
    });
    const runs: Record<string, Array<{ push: number; pull: number }>> = { filesystem: [], s3: [] };
    for (let i = 0; i < 3; i++) {
      runs.filesystem!.push(await pushPull(fs.url, layers));
      runs.s3!.push(await pushPull(onS3.url, layers));
    }
    const transfer = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, { pushMs: Math.round(median(v.map((r) => r.push))), pullMs: Math.round(median(v.map((r) => r.pull))) }]));
    const memory = await rssDuringGiBPush(onS3);

    const shared = { BERTH_TEST_DATABASE_URL: database.url, ...s3env(s3, 'shared') };
    const a = await startInstance(shared);
    started.push(a);
    const b = await startInstance(shared);
    started.push(b);
    await pushManifest(a.url, 'bench/head');
    const proxy = await startProxy([a.url, b.url]);
    const single = await startProxy([a.url]);
    // A bearer token, as clients use after their first request: Basic credentials would make every request a
    // password hash, and the figure a measure of that.
    const bearer = await tokenFor(a.url, 'bench/head');
    const one = await headLoad(`${single.url}/v2/bench/head/manifests/latest`, bearer);
    const two = await headLoad(`${proxy.url}/v2/bench/head/manifests/latest`, bearer);
    proxy.close();
    single.close();

    const result = {
      transfer5x20MiB: transfer,
      s3GiBPush: { baselineMiB: Math.round(memory.baseline / MiB), peakMiB: Math.round(memory.peak / MiB), growthMiB: Math.round((memory.peak - memory.baseline) / MiB) },
      headManifest: { oneInstance: { rps: Math.round(one.rps), p99Ms: +one.p99.toFixed(1) }, twoInstances: { rps: Math.round(two.rps), p99Ms: +two.p99.toFixed(1) } },
      cpus: os.cpus().length,
    };
    console.log(JSON.stringify(result, null, 2));
    return result;
  } finally {
    for (const i of started) await i.stop().catch(() => undefined);
    await database.stop();
    await s3.stop();
  }
}
