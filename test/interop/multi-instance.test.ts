// Two Berth processes sharing one Postgres (Debian's postgresql) and one S3 bucket (s3rver) behave as one registry:
// a chunked push whose requests alternate between them, a pull from the other, webhook deliveries made once by
// the two job workers, and a push that survives one instance being killed mid-way, the client carrying on
// against the other.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config';
import { createDb } from '@/lib/db/client';
import { createWebhookSchema } from '@/lib/schemas/webhooks';
import { findFreePort } from '@/lib/server/free-port';
import type { AppContext } from '@/lib/services/context';
import { createWebhook } from '@/lib/services/webhooks/create-webhook';
import { S3Driver } from '@/lib/storage/s3-driver';
import { sha256 } from '../support/oci-client';
import { startTestS3, type TestS3 } from '../support/s3';
import { startServerProcess, stopServerProcess, type ServerProcess } from '../support/server-process';
import { startSystemPostgres } from '../support/system-postgres';

const MiB = 1024 * 1024;
const password = `pw-${randomBytes(6).toString('hex')}`;
const auth = { Authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` };

let s3: TestS3;
let database: { url: string; stop(): Promise<void> };
let dataDir: string;
const instances: ServerProcess[] = [];

async function startInstance(): Promise<ServerProcess> {
  const port = await findFreePort();
  const settings = s3.settings();
  const instance = await startServerProcess('test/support/registry-process.ts', {
    BERTH_TEST_DATABASE_URL: database.url,
    BERTH_DATA_DIR: path.join(dataDir, String(port)),
    PORT: String(port),
    HOST: '127.0.0.1',
    BERTH_ADMIN_PASSWORD: password,
    BERTH_STORAGE: 's3',
    BERTH_S3_BUCKET: settings.bucket,
    BERTH_S3_ENDPOINT: settings.endpoint,
    BERTH_S3_ACCESS_KEY_ID: settings.accessKeyId,
    BERTH_S3_SECRET_ACCESS_KEY: settings.secretAccessKey,
    BERTH_S3_FORCE_PATH_STYLE: 'true',
    BERTH_S3_PREFIX: 'shared',
    BERTH_WEBHOOK_ALLOW_PRIVATE: 'true',
    BERTH_JOB_POLL_SECONDS: '0.5',
  });
  instances.push(instance);
  return instance;
}

beforeAll(async () => {
  s3 = await startTestS3();
  database = await startSystemPostgres();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'berth-multi-'));
  // One after the other: the first applies the migrations and creates the admin the second then finds.
  await startInstance();
  await startInstance();
});

afterAll(async () => {
  for (const i of instances) await stopServerProcess(i);
  await database?.stop();
  await s3?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function call(base: string, pathOrLocation: string, init: RequestInit = {}): Promise<Response> {
  const url = pathOrLocation.startsWith('http') ? pathOrLocation.replace(/^http:\/\/[^/]+/, base) : `${base}${pathOrLocation}`;
  return fetch(url, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) }, redirect: 'manual', ...(init.body ? { duplex: 'half' } : {}) } as RequestInit);
}

async function patch(base: string, location: string, chunk: Buffer, offset: number): Promise<string> {
  const res = await call(base, location, {
    method: 'PATCH',
    body: chunk as unknown as BodyInit,
    headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': `${offset}-${offset + chunk.length - 1}` },
  });
  expect(res.status).toBe(202);
  return res.headers.get('location')!;
}

it('takes a chunked push alternating between instances and serves it from either', async () => {
  const [a, b] = instances as [ServerProcess, ServerProcess];
  const name = `multi/${randomBytes(4).toString('hex')}`;
  const data = randomBytes(7 * MiB + 5);
  const digest = sha256(data);
  const start = await call(a.url, `/v2/${name}/blobs/uploads/`, { method: 'POST', headers: { 'Content-Length': '0' } });
  expect(start.status).toBe(202);
  let location = start.headers.get('location')!;
  for (let offset = 0, i = 0; offset < data.length; offset += MiB, i++) {
    location = await patch(i % 2 ? a.url : b.url, location, data.subarray(offset, offset + MiB), offset);
  }
  const put = await call(a.url, `${location}${location.includes('?') ? '&' : '?'}digest=${digest}`, { method: 'PUT' });
  expect(put.status).toBe(201);
  for (const i of [a, b]) {
    const res = await call(i.url, `/v2/${name}/blobs/${digest}`);
    expect(res.status).toBe(200);
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(digest);
  }
  // A token issued by one instance is honoured by the other.
  const token = await call(a.url, `/auth/token?service=berth-registry&scope=repository:${name}:pull`);
  expect(token.status).toBe(200);
  const { token: bearer } = (await token.json()) as { token: string };
  const viaToken = await fetch(`${b.url}/v2/${name}/blobs/${digest}`, { method: 'HEAD', headers: { Authorization: `Bearer ${bearer}` } });
  expect(viaToken.status).toBe(200);
});

it('delivers each push event to a webhook exactly once, whichever instance took the push', async () => {
  const [a, b] = instances as [ServerProcess, ServerProcess];
  const received: string[] = [];
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(String(req.headers['x-berth-delivery']));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const app: AppContext = {
    db: createDb(database.url, { poolSize: 2 }),
    storage: new S3Driver(s3.settings({ prefix: 'shared/' })),
    config: loadConfig({ DATABASE_URL: database.url, BERTH_WEBHOOK_ALLOW_PRIVATE: 'true' }),
  };
  try {
    const namespace = `hooks${randomBytes(3).toString('hex')}`;
    // The first push creates the namespace the webhook is set on.
    await pushImage(a.url, `${namespace}/app`, 'first');
    const admin = await app.db.user.findUniqueOrThrow({ where: { username: 'admin' } });
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await createWebhook(app, {
      actor: { kind: 'user', id: admin.id, username: 'admin', isAdmin: true },
      scope: { kind: 'namespace', namespace },
      data: createWebhookSchema.parse({ name: 'multi', url }),
    });
    for (let i = 0; i < 4; i++) await pushImage(i % 2 ? a.url : b.url, `${namespace}/app`, `v${i}`);
    // Both instances run job workers on the shared queue; wait until every delivery is settled.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const pending = await app.db.webhookDelivery.count({ where: { status: 'pending' } });
      const done = await app.db.webhookDelivery.count({ where: { status: 'succeeded' } });
      if (done >= 4 && pending === 0) break;
      if (Date.now() > deadline) throw new Error(`deliveries not settled: ${done} succeeded, ${pending} pending`);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(await app.db.webhookDelivery.count({ where: { status: 'succeeded' } })).toBe(4);
    expect(received).toHaveLength(4);
    expect(new Set(received).size).toBe(4);
  } finally {
    receiver.close();
    await app.db.$disconnect();
  }
});

async function pushImage(base: string, name: string, tag: string): Promise<void> {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, tag }));
  const configDigest = sha256(config);
  const post = await call(base, `/v2/${name}/blobs/uploads/?digest=${configDigest}`, { method: 'POST', body: config as unknown as BodyInit, headers: { 'Content-Type': 'application/octet-stream' } });
  expect(post.status).toBe(201);
  const manifest = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length }, layers: [] };
  const put = await call(base, `/v2/${name}/manifests/${tag}`, { method: 'PUT', body: JSON.stringify(manifest), headers: { 'Content-Type': manifest.mediaType } });
  expect(put.status).toBe(201);
}

it('finishes a push on the surviving instance after the other is killed mid-upload', async () => {
  const [a, b] = instances as [ServerProcess, ServerProcess];
  const name = `multi/${randomBytes(4).toString('hex')}`;
  const data = randomBytes(6 * MiB);
  const digest = sha256(data);
  const start = await call(a.url, `/v2/${name}/blobs/uploads/`, { method: 'POST', headers: { 'Content-Length': '0' } });
  let location = start.headers.get('location')!;
  location = await patch(a.url, location, data.subarray(0, 2 * MiB), 0);
  a.child.kill('SIGKILL');
  await a.exited;
  // The client retries against the other instance: asks where the upload stands, then continues from there.
  const status = await call(b.url, location);
  expect(status.status).toBe(204);
  const range = status.headers.get('range')!;
  const offset = Number(range.split('-')[1]) + 1;
  expect(offset).toBe(2 * MiB);
  location = await patch(b.url, status.headers.get('location') ?? location, data.subarray(offset), offset);
  const put = await call(b.url, `${location}${location.includes('?') ? '&' : '?'}digest=${digest}`, { method: 'PUT' });
  expect(put.status).toBe(201);
  const res = await call(b.url, `/v2/${name}/blobs/${digest}`);
  expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(digest);
});
