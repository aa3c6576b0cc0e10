// Faults around blob uploads: clients that disconnect mid-chunk, many clients pushing the same layer at once,
// abandoned sessions, and chunks longer than announced.
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { purgeStaleUploads } from '@/lib/services/uploads/purge-stale-uploads';
import { errorCode, randomRepo, sha256, startUpload, useAdminClient, withQuery } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
const c = useAdminClient(reg);

const OCTET = { 'Content-Type': 'application/octet-stream' };

/** Size of the upload's bytes in storage, or null when there is no file. */
async function storedSize(id: string): Promise<number | null> {
  const st = await stat(path.join(reg.dataDir, 'storage', 'uploads', id)).catch(() => null);
  return st ? st.size : null;
}

/** Polls `check` until it returns true; fails (rather than asserting a duration) if that never happens. */
async function waitUntil(what: string, check: () => Promise<boolean>, limitMs = 30_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a client that disconnects mid-PATCH', () => {
  it('leaves exactly the bytes that arrived committed, and the upload resumes from there', async () => {
    const name = randomRepo();
    const data = randomBytes(1024 * 1024);
    const sent = 600 * 1024;
    const { location, id } = await startUpload(c, name);
    const { port } = new URL(reg.url);

    const req = httpRequest({
      host: '127.0.0.1',
      port: Number(port),
      method: 'PATCH',
      path: location,
      headers: { Authorization: reg.basic(reg.admin), ...OCTET, 'Content-Length': String(data.length) },
      agent: false,
    });
    req.on('error', () => {}); // destroyed on purpose
    req.on('response', (res) => res.resume());
    await new Promise<void>((resolve) => req.write(data.subarray(0, sent), () => resolve()));
    // Wait until the server has stored some of it, so that the resume really starts mid-blob.
    await waitUntil('the server stored part of the chunk', async () => ((await storedSize(id)) ?? 0) > 0);
    req.destroy();
    // The server has finished with the request once it released the session.
    await waitUntil('the session is released', async () => {
      const row = await reg.app.db.uploadSession.findUnique({ where: { id }, select: { leaseUntil: true, size: true } });
      return row !== null && row.leaseUntil === null && row.size > 0n;
    });

    const status = await c.fetch(location);
    expect(status.status).toBe(204);
    const range = /^0-(\d+)$/.exec(status.headers.get('range') ?? '');
    expect(range).not.toBeNull();
    const committed = Number(range![1]) + 1;
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThanOrEqual(sent);
    // Exactly what is stored: the session row and the bytes in storage agree with the Range.
    const row = await reg.app.db.uploadSession.findUniqueOrThrow({ where: { id } });
    expect(Number(row.size)).toBe(committed);
    expect(await storedSize(id)).toBe(committed);

    const rest = await c.fetch(location, {
      method: 'PATCH',
      body: data.subarray(committed),
      headers: { ...OCTET, 'Content-Range': `${committed}-${data.length - 1}` },
    });
    expect(rest.status).toBe(202);
    expect(rest.headers.get('range')).toBe(`0-${data.length - 1}`);
    const done = await c.fetch(withQuery(location, { digest: sha256(data) }), { method: 'PUT' });
    expect(done.status).toBe(201);
    const blob = await c.fetch(`/v2/${name}/blobs/${sha256(data)}`);
    expect(Buffer.from(await blob.arrayBuffer()).equals(data)).toBe(true);
  });
});

describe('20 clients pushing the same layer at once', () => {
  it('all succeed, and the registry keeps one blob with the right bytes', async () => {
    const name = randomRepo();
    const layer = randomBytes(256 * 1024);
    const digest = sha256(layer);
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const { location } = await startUpload(c, name);
        // Half upload in one PATCH, half in two chunks, all finishing with PUT.
        if (i % 2 === 0) {
          const p = await c.fetch(location, { method: 'PATCH', body: layer, headers: OCTET });
          if (p.status !== 202) return p.status;
        } else {
          const half = layer.length / 2;
          const p1 = await c.fetch(location, { method: 'PATCH', body: layer.subarray(0, half), headers: { ...OCTET, 'Content-Range': `0-${half - 1}` } });
          if (p1.status !== 202) return p1.status;
          const p2 = await c.fetch(location, { method: 'PATCH', body: layer.subarray(half), headers: { ...OCTET, 'Content-Range': `${half}-${layer.length - 1}` } });
          if (p2.status !== 202) return p2.status;
        }
        const put = await c.fetch(withQuery(location, { digest }), { method: 'PUT' });
        return put.status;
      }),
    );
    expect(results).toEqual(Array(20).fill(201));
    const rows = await reg.app.db.blob.findMany({ where: { digest } });
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.size)).toBe(layer.length);
    expect(await reg.app.db.repositoryBlob.count({ where: { digest } })).toBe(1);
    const res = await c.fetch(`/v2/${name}/blobs/${digest}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(layer)).toBe(true);
  });
});

describe('stale upload purge', () => {
  it('removes sessions untouched for longer than the limit, with their bytes, and keeps fresh ones', async () => {
    const name = randomRepo();
    const stale = await startUpload(c, name);
    const fresh = await startUpload(c, name);
    for (const s of [stale, fresh]) {
      expect((await c.fetch(s.location, { method: 'PATCH', body: randomBytes(1000), headers: OCTET })).status).toBe(202);
      expect(await storedSize(s.id)).toBe(1000);
    }
    const ageHours = reg.app.config.uploadMaxAgeMs / 3_600_000 + 1;
    await reg.app.db.$executeRaw`UPDATE upload_sessions SET updated_at = now() - make_interval(hours => ${ageHours}::int)
      WHERE id = ${stale.id}::uuid`;

    await purgeStaleUploads(reg.app);

    const gone = await c.fetch(stale.location);
    expect(gone.status).toBe(404);
    expect(await errorCode(gone)).toBe('BLOB_UPLOAD_UNKNOWN');
    expect(await storedSize(stale.id)).toBeNull();

    const kept = await c.fetch(fresh.location);
    expect(kept.status).toBe(204);
    expect(kept.headers.get('range')).toBe('0-999');
    expect(await storedSize(fresh.id)).toBe(1000);
  });
});

describe('a PATCH with more bytes than its Content-Range announces', () => {
  it('is refused with 400 and the committed size does not change', async () => {
    const name = randomRepo();
    const data = randomBytes(3000);
    const { location, id } = await startUpload(c, name);
    expect((await c.fetch(location, { method: 'PATCH', body: data.subarray(0, 1000), headers: { ...OCTET, 'Content-Range': '0-999' } })).status).toBe(202);

    // Streamed (chunked transfer encoding, no Content-Length): only the byte count can give the lie away.
    const tooMuch = data.subarray(1000, 2500);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(tooMuch);
        controller.close();
      },
    });
    const res = await c.fetch(location, { method: 'PATCH', body, headers: { ...OCTET, 'Content-Range': '1000-1999' } });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('SIZE_INVALID');

    const status = await c.fetch(location);
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe('0-999');
    expect(Number((await reg.app.db.uploadSession.findUniqueOrThrow({ where: { id } })).size)).toBe(1000);

    // The upload goes on from the committed size.
    const rest = await c.fetch(location, { method: 'PATCH', body: data.subarray(1000), headers: { ...OCTET, 'Content-Range': `1000-${data.length - 1}` } });
    expect(rest.status).toBe(202);
    expect((await c.fetch(withQuery(location, { digest: sha256(data) }), { method: 'PUT' })).status).toBe(201);
    const blob = await c.fetch(`/v2/${name}/blobs/${sha256(data)}`);
    expect(Buffer.from(await blob.arrayBuffer()).equals(data)).toBe(true);
  });
});
