// A registry whose disk fills up: storage is a real filesystem of a few MiB (a tmpfs mounted over the directory),
// so writes fail with ENOSPC exactly as on a full disk. A push that does not fit is refused with a clear error and
// leaves nothing half-stored; once space is freed the same push succeeds, byte for byte. The REST API's uploads
// (vulnerability data, received into the same storage) answer the same way.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as importsRoute from '@/app/api/v1/vulndb/imports/route';
import { setAppContext } from '@/lib/server/app-context-global';
import { errorCode, patchUpload, putUpload, randomRepo, readBlob, sha256, startUpload, useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const STORAGE_BYTES = 8 * 1024 * 1024;

const reg = useTestRegistry();
const c = useAdminClient(reg);
let storage: string;
const mounts: string[] = [];

/** Mounts a tmpfs of `bytes` over `dir`. Needs root, as CI runs: a real filesystem that really fills up. */
async function mountSmallDisk(dir: string, bytes: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir]);
  mounts.push(dir);
}

beforeAll(async () => {
  storage = path.join(reg.dataDir, 'storage');
  await mountSmallDisk(storage, STORAGE_BYTES);
});

afterAll(async () => {
  for (const dir of mounts) execFileSync('umount', ['-l', dir]);
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(path.relative(storage, full));
  }
  return out;
}

describe('a registry whose storage is full', () => {
  it('refuses a blob that does not fit with a clear error, keeps nothing of it, and takes it once there is room', async () => {
    const name = randomRepo();
    // Most of the filesystem taken by something else.
    const filler = path.join(storage, 'filler');
    await writeFile(filler, Buffer.alloc(STORAGE_BYTES - 2 * 1024 * 1024));
    const blob = randomBytes(4 * 1024 * 1024);
    const digest = sha256(blob);

    const res = await c.fetch(`/v2/${name}/blobs/uploads/?digest=${digest}`, { method: 'POST', body: blob as unknown as BodyInit, headers: { 'Content-Type': 'application/octet-stream' } });
    expect(res.status).toBe(507);
    const body = await res.json();
    expect(body.errors[0].code).toBe('UNKNOWN');
    expect(body.errors[0].message).toMatch(/storage is full/);
    expect((await c.fetch(`/v2/${name}/blobs/${digest}`, { method: 'HEAD' })).status).toBe(404);
    expect(await reg.app.db.blob.findUnique({ where: { digest } })).toBeNull();
    // Nothing of it under blobs/, and no upload left holding space.
    expect((await filesUnder(storage)).filter((f) => f !== 'filler')).toEqual([]);

    // Chunked, the same: the chunk that does not fit is refused, the session keeps what it had committed.
    const { location } = await startUpload(c, name);
    const first = await patchUpload(c, location, blob.subarray(0, 1024 * 1024) as unknown as BodyInit);
    expect(first.status).toBe(202);
    const second = await patchUpload(c, first.headers.get('location')!, blob.subarray(1024 * 1024) as unknown as BodyInit);
    expect(second.status).toBe(507);
    expect(await errorCode(second)).toBe('UNKNOWN');
    const status = await c.fetch(first.headers.get('location')!);
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe(`0-${1024 * 1024 - 1}`);

    // Room again: the rest of the chunked upload goes through, and the blob reads back byte for byte.
    await rm(filler);
    const rest = await patchUpload(c, status.headers.get('location')!, blob.subarray(1024 * 1024) as unknown as BodyInit);
    expect(rest.status).toBe(202);
    const done = await putUpload(c, rest.headers.get('location')!, digest);
    expect(done.status).toBe(201);
    const read = await readBlob(c, name, digest);
    expect(read.status).toBe(200);
    expect(sha256(read.body)).toBe(digest);
  });
});

describe('a REST upload to a full disk', () => {
  it('answers 507 INSUFFICIENT_STORAGE, records no import and leaves no file', async () => {
    // Uploads are kept in blob storage while they are imported: larger than the whole (small) disk, this cannot fit.
    setAppContext(reg.app);
    const body = Buffer.from(JSON.stringify([{ id: 'FULL-1', modified: '2024-01-01T00:00:00Z', summary: 'x'.repeat(STORAGE_BYTES + 1024 * 1024) }]));
    const req = new Request(`${reg.url}/api/v1/vulndb/imports?filename=full.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: reg.basic(reg.admin) },
      body,
    });
    const res = await importsRoute.POST(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(507);
    const json = await res.json();
    expect(json.error.code).toBe('INSUFFICIENT_STORAGE');
    expect(json.error.message).toMatch(/storage is full/);
    expect(await reg.app.db.vulnImport.count()).toBe(0);
    const left: string[] = [];
    for await (const key of reg.app.storage.list('vulndb-uploads/')) left.push(key);
    expect(left).toEqual([]);
  });
});
