import { readFile, utimes } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import * as openapiRoute from '@/app/api/v1/openapi.json/route';
import * as importsRoute from '@/app/api/v1/vulndb/imports/route';
import * as statusRoute from '@/app/api/v1/vulndb/route';
import { loadOsvFixtures } from '@/lib/scans/fixtures/load-osv-fixtures';
import type { OsvRecord } from '@/lib/scans/osv/osv-schema';
import { setAppContext } from '@/lib/server/app-context-global';
import { purgeStaleVulnUploads, stopVulnImports } from '@/lib/services/vulndb/upload-vuln-import';
import { callApi } from '../../support/api';
import { fileFixture } from '../../support/file-fixture';
import { useTestRegistry, type TestRegistry, type TestUser } from '../../support/registry';
import { startTestS3 } from '../../support/s3';
import { createZipWriter } from '../../support/zip-writer';

const fixtures = loadOsvFixtures() as OsvRecord[];
const MAX_BYTES = 64 * 1024;

/** POST /api/v1/vulndb/imports with a raw body, as the console and curl send it. */
async function upload(reg: TestRegistry, as: TestUser | null, body: Buffer | ReadableStream<Uint8Array>, opts: { contentType?: string; query?: string; contentLength?: number } = {}) {
  setAppContext(reg.app);
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/zip' };
  if (as) headers.authorization = reg.basic(as);
  if (opts.contentLength !== undefined) headers['content-length'] = String(opts.contentLength);
  const req = new Request(`${reg.url}/api/v1/vulndb/imports${opts.query ?? ''}`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
  const res = await importsRoute.POST(req, { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
}

async function fixturesZip(file: string): Promise<Buffer> {
  const zip = createZipWriter(file);
  for (const r of fixtures) await zip.add(`${r.id}.json`, JSON.stringify(r));
  await zip.close();
  return readFile(file);
}

/** Uploaded files still in blob storage (they are removed when their import ends). */
async function tmpFiles(reg: TestRegistry): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of reg.app.storage.list('vulndb-uploads/')) keys.push(key);
  return keys;
}

describe('POST /api/v1/vulndb/imports', () => {
  const reg = useTestRegistry({ vulndbUploadMaxBytes: MAX_BYTES });
  let zip: Buffer;
  beforeAll(async () => {
    zip = await fixturesZip(path.join(reg.dataDir, 'fixtures.zip'));
  });

  it('imports an administrator’s zip, audits it and removes the temporary file', async () => {
    const res = await upload(reg, reg.admin, zip, { query: '?filename=all.zip' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ source: 'all.zip', status: 'succeeded', added: fixtures.length, updated: 0, unchanged: 0, invalid: 0, importedBy: 'admin' });
    expect(await tmpFiles(reg)).toEqual([]);
    const audit = await reg.app.db.auditEvent.findFirst({ where: { action: 'vulndb:Import', outcome: 'allowed' } });
    expect(audit).toMatchObject({ actorName: 'admin', resource: 'vulndb/all.zip' });
    expect(audit?.detail).toMatchObject({ importId: res.body.id, added: fixtures.length });

    const again = await upload(reg, reg.admin, zip);
    expect(again.body).toMatchObject({ source: 'upload.zip', added: 0, unchanged: fixtures.length });
  });

  it('imports a JSON file (an array of records), counting invalid ones', async () => {
    const records = [{ id: 'API-JSON-1', modified: '2024-03-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'api-json' } }] }, { summary: 'no id' }];
    const res = await upload(reg, reg.admin, Buffer.from(JSON.stringify(records)), { contentType: 'application/json; charset=utf-8', query: '?filename=mine.json' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ source: 'mine.json', status: 'succeeded', added: 1, invalid: 1 });
    expect(res.body.error).toContain('mine.json[1]: id');
  });

  it('answers 404 to users who are not administrators, 401 to anonymous callers', async () => {
    const user = await reg.createUser();
    const before = await reg.app.db.vulnImport.count();
    const refused = await upload(reg, user, zip);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('NOT_FOUND');
    expect((await upload(reg, null, zip)).status).toBe(401);
    expect(await reg.app.db.vulnImport.count()).toBe(before);
    expect(await reg.app.db.auditEvent.count({ where: { action: 'vulndb:Import', outcome: 'denied', actorName: user.username } })).toBe(1);
  });

  it('refuses a file over the size bound with 413, declared or streamed', async () => {
    const big = Buffer.alloc(MAX_BYTES + 1, 0x20);
    const declared = await upload(reg, reg.admin, big, { contentType: 'application/json', contentLength: big.length });
    expect(declared.status).toBe(413);
    expect(declared.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(declared.body.error.message).toContain('BERTH_VULNDB_UPLOAD_MAX_BYTES');

    // Chunked, without Content-Length: cut off while streaming, and nothing is left on disk.
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BYTES * 4) return controller.close();
        sent += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const streamed = await upload(reg, reg.admin, stream, { contentType: 'application/json' });
    expect(streamed.status).toBe(413);
    expect(await tmpFiles(reg)).toEqual([]);
  });

  it('refuses other media types and reports an unreadable zip as a failed import', async () => {
    const wrong = await upload(reg, reg.admin, zip, { contentType: 'application/octet-stream' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields[0].path).toBe('Content-Type');

    const corrupt = await upload(reg, reg.admin, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)]), { query: '?filename=broken.zip' });
    expect(corrupt.status).toBe(400);
    expect(corrupt.body.error.message).toContain('broken.zip: not a readable zip archive');
    const run = await reg.app.db.vulnImport.findUniqueOrThrow({ where: { id: corrupt.body.error.details.importId } });
    expect(run).toMatchObject({ status: 'failed', source: 'broken.zip' });
    expect(await reg.app.db.auditEvent.count({ where: { action: 'vulndb:Import', outcome: 'failed' } })).toBe(1);
    expect(await tmpFiles(reg)).toEqual([]);
  });
});

describe('an upload whose import outlasts the request', () => {
  // The request waits for no import at all: every upload answers as soon as its file is stored.
  const reg = useTestRegistry({ vulndbUploadWaitSeconds: 0 });

  /** A zip of `n` records of a made-up npm package each: enough batches to take a moment to import. */
  async function syntheticZip(name: string, n: number): Promise<Buffer> {
    const zip = createZipWriter(path.join(reg.dataDir, name));
    for (let i = 0; i < n; i++) {
      const record = { id: `${name}-${i}`, modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: `${name}-pkg-${i}` }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] }] }] };
      await zip.add(`${record.id}.json`, JSON.stringify(record));
    }
    await zip.close();
    return readFile(path.join(reg.dataDir, name));
  }

  const status = async () => (await callApi(reg, statusRoute.GET, { path: '/api/v1/vulndb', as: reg.admin })).body;

  it('answers 202 with the running run, which then finishes in the background, audited, its file removed', async () => {
    const res = await upload(reg, reg.admin, await syntheticZip('bg', 2000), { query: '?filename=big.zip' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ source: 'big.zip', status: 'running', finishedAt: null, importedBy: 'admin' });
    let run: { status: string; added: number } | undefined;
    for (let i = 0; i < 300 && run?.status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await status()).recentImports.find((x: { id: string }) => x.id === res.body.id);
    }
    expect(run).toMatchObject({ status: 'succeeded', added: 2000, invalid: 0 });
    expect(await tmpFiles(reg)).toEqual([]);
    const audit = await reg.app.db.auditEvent.findFirst({ where: { action: 'vulndb:Import', resource: 'vulndb/big.zip' } });
    expect(audit).toMatchObject({ outcome: 'allowed', actorName: 'admin' });
  });

  it('stops an import running when the server shuts down, records why, keeps what it stored and removes the file', async () => {
    const res = await upload(reg, reg.admin, await syntheticZip('stop', 20_000), { query: '?filename=stopped.zip' });
    expect(res.status).toBe(202);
    // The import reads the uploaded file from blob storage.
    expect(await tmpFiles(reg)).toEqual([expect.stringMatching(/^vulndb-uploads\/[0-9a-f-]{36}\.zip$/)]);
    await stopVulnImports(reg.app);
    const run = await reg.app.db.vulnImport.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(run.status).toBe('failed');
    expect(run.error).toContain('the server shut down');
    expect(run.finishedAt).not.toBeNull();
    // Whole batches only: what was stored is counted, nothing half-written.
    const stored = await reg.app.db.vulnRecord.count({ where: { id: { startsWith: 'stop-' } } });
    expect(stored).toBeLessThan(20_000);
    expect(stored).toBe(run.added);
    expect(stored % 500).toBe(0);
    expect(await tmpFiles(reg)).toEqual([]);
  });

  it('shows a run whose process died (no heartbeat for a minute) as interrupted, and a live one as running', async () => {
    const dead = await reg.app.db.vulnImport.create({ data: { source: 'killed.zip', added: 1500, heartbeatAt: new Date(Date.now() - 5 * 60_000) } });
    const live = await reg.app.db.vulnImport.create({ data: { source: 'live.zip' } });
    const imports = (await status()).recentImports as Array<{ id: string; status: string; error: string | null; finishedAt: string | null }>;
    const shown = (id: string) => imports.find((x) => x.id === id);
    expect(shown(dead.id)).toMatchObject({ status: 'failed', finishedAt: dead.heartbeatAt.toISOString(), added: 1500 });
    expect(shown(dead.id)!.error).toMatch(/^interrupted: .*import the file again/);
    expect(shown(live.id)).toMatchObject({ status: 'running', error: null, finishedAt: null });
    await reg.app.db.vulnImport.deleteMany({ where: { id: { in: [dead.id, live.id] } } });
  });

  it('removes upload files a killed process left in storage, once they are a day old', async () => {
    const put = (key: string) => reg.app.storage.write(key, Readable.from([Buffer.from('x')]));
    await put('vulndb-uploads/left.zip');
    await put('vulndb-uploads/fresh.zip');
    await put('vulndb-other/left.zip');
    // The registry stores on the filesystem here (under dataDir/storage): age two of the objects by a day.
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    for (const key of ['vulndb-uploads/left.zip', 'vulndb-other/left.zip']) await utimes(path.join(reg.dataDir, 'storage', key), dayAgo, dayAgo);
    expect(await purgeStaleVulnUploads(reg.app)).toBe(1);
    expect(await tmpFiles(reg)).toEqual(['vulndb-uploads/fresh.zip']);
    expect(await reg.app.storage.stat('vulndb-other/left.zip')).not.toBeNull();
    await reg.app.storage.delete('vulndb-uploads/fresh.zip');
    await reg.app.storage.delete('vulndb-other/left.zip');
  });
});

describe('an upload on S3 storage', () => {
  const s3 = fileFixture(() => startTestS3(), (server) => server.stop());
  const reg = useTestRegistry(() => ({ storage: { driver: 's3', s3: s3.settings({ prefix: 'vulndb/' }) } }));

  it('is stored through the S3 driver, imported from there with ranged reads, and removed', async () => {
    const zip = await fixturesZip(path.join(reg.dataDir, 'fixtures.zip'));
    const res = await upload(reg, reg.admin, zip, { query: '?filename=all.zip' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ source: 'all.zip', status: 'succeeded', added: fixtures.length, invalid: 0 });
    expect(await tmpFiles(reg)).toEqual([]);
  });
});

describe('GET /api/v1/vulndb', () => {
  const reg = useTestRegistry();

  it('is empty before any import', async () => {
    const res = await callApi(reg, statusRoute.GET, { path: '/api/v1/vulndb', as: reg.admin });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ totalRecords: 0, updatedAt: null, newestRecordModifiedAt: null, ecosystems: [], recentImports: [] });
  });

  it('counts records and packages per ecosystem; the import history is for administrators', async () => {
    const zip = await fixturesZip(path.join(reg.dataDir, 'fixtures.zip'));
    expect((await upload(reg, reg.admin, zip, { query: '?filename=all.zip' })).status).toBe(201);
    const extra = { id: 'STATUS-1', modified: '2031-06-01T12:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'status-pkg' } }, { package: { ecosystem: 'npm', name: 'status-pkg-2' } }] };
    expect((await upload(reg, reg.admin, Buffer.from(JSON.stringify(extra)), { contentType: 'application/json' })).status).toBe(201);

    const expected = new Map<string, { records: Set<string>; packages: Set<string> }>();
    for (const r of [...fixtures, extra as OsvRecord]) {
      for (const a of r.affected ?? []) {
        if (!a.package) continue;
        const e = expected.get(a.package.ecosystem) ?? { records: new Set(), packages: new Set() };
        e.records.add(r.id);
        e.packages.add(a.package.name);
        expected.set(a.package.ecosystem, e);
      }
    }
    const ecosystems = [...expected.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([ecosystem, e]) => ({ ecosystem, records: e.records.size, packages: e.packages.size }));

    const asAdmin = await callApi(reg, statusRoute.GET, { path: '/api/v1/vulndb', as: reg.admin });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.totalRecords).toBe(fixtures.length + 1);
    expect(asAdmin.body.ecosystems).toEqual(ecosystems);
    expect(asAdmin.body.newestRecordModifiedAt).toBe('2031-06-01T12:00:00.000Z');
    expect(Date.parse(asAdmin.body.updatedAt)).toBeGreaterThan(Date.parse('2026-01-01'));
    expect(asAdmin.body.recentImports.map((i: { source: string }) => i.source)).toEqual(['upload.json', 'all.zip']);

    const user = await reg.createUser();
    const asUser = await callApi(reg, statusRoute.GET, { path: '/api/v1/vulndb', as: user });
    expect(asUser.status).toBe(200);
    expect(asUser.body).toEqual({ ...asAdmin.body, recentImports: [] });

    expect((await callApi(reg, statusRoute.GET, { path: '/api/v1/vulndb' })).status).toBe(401);
  });

  it('is listed in the OpenAPI document', async () => {
    const doc = await (openapiRoute.GET() as Response).json();
    expect(doc.paths['/api/v1/vulndb'].get.responses['200'].content['application/json'].schema.properties.ecosystems).toBeTruthy();
    const post = doc.paths['/api/v1/vulndb/imports'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['application/zip', 'application/json']);
    expect(post.parameters.map((p: { name: string }) => p.name)).toEqual(['filename']);
    expect(post.responses['201']).toBeTruthy();
    expect(post.summary).toContain('202');
  });
});
