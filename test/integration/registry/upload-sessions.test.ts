// OCI Distribution Spec 1.1: upload URLs that do not (or no longer) name a session of the repository, cancelling a
// session, and cross-repository mount (end-11) with its fallback to a new session.
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCode, randomRepo, sha256, startUpload, uploadCalls, useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
const c = useAdminClient(reg);
const { readBlob, patch, put } = uploadCalls(c);


describe('unknown sessions', () => {
  it('answer 404 BLOB_UPLOAD_UNKNOWN for unknown and malformed ids on every method', async () => {
    const name = randomRepo();
    await startUpload(c, name); // the repository exists
    const digest = sha256(Buffer.from('x'));
    for (const id of [randomUUID(), 'not-a-uuid', '0'.repeat(300)]) {
      const location = `/v2/${name}/blobs/uploads/${id}`;
      const calls: Array<[string, () => Promise<Response>]> = [
        ['GET', () => c.fetch(location)],
        ['PATCH', () => patch(location, Buffer.from('x'))],
        ['PUT', () => put(location, digest, Buffer.from('x'))],
        ['DELETE', () => c.fetch(location, { method: 'DELETE' })],
      ];
      for (const [method, call] of calls) {
        const res = await call();
        expect(res.status, `${method} ${id.slice(0, 40)}`).toBe(404);
        expect(await errorCode(res), `${method} ${id.slice(0, 40)}`).toBe('BLOB_UPLOAD_UNKNOWN');
      }
    }
  });

  it('do not answer for a session of another repository', async () => {
    const a = randomRepo();
    const b = randomRepo();
    await startUpload(c, b);
    const data = randomBytes(50);
    const { id, location } = await startUpload(c, a);
    const foreign = `/v2/${b}/blobs/uploads/${id}`;
    const calls: Array<[string, () => Promise<Response>]> = [
      ['GET', () => c.fetch(foreign)],
      ['PATCH', () => patch(foreign, data)],
      ['PUT', () => put(foreign, sha256(data), data)],
      ['DELETE', () => c.fetch(foreign, { method: 'DELETE' })],
    ];
    for (const [method, call] of calls) {
      const res = await call();
      expect(res.status, method).toBe(404);
      expect(await errorCode(res), method).toBe('BLOB_UPLOAD_UNKNOWN');
    }
    expect((await readBlob(b, sha256(data))).status).toBe(404);
    // The session still works where it belongs, untouched.
    const status = await c.fetch(location);
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe('0-0');
    expect((await put(location, sha256(data), data)).status).toBe(201);
  });
});

describe('DELETE on a session', () => {
  it('cancels it: 204, then 404 BLOB_UPLOAD_UNKNOWN', async () => {
    const name = randomRepo();
    const { location } = await startUpload(c, name);
    expect((await patch(location, randomBytes(100))).status).toBe(202);
    const res = await c.fetch(location, { method: 'DELETE' });
    expect(res.status).toBe(204);
    for (const [method, call] of [
      ['GET', () => c.fetch(location)],
      ['PATCH', () => patch(location, randomBytes(10))],
      ['DELETE', () => c.fetch(location, { method: 'DELETE' })],
    ] as const) {
      const after = await call();
      expect(after.status, method).toBe(404);
      expect(await errorCode(after), method).toBe('BLOB_UPLOAD_UNKNOWN');
    }
  });
});

describe('cross-repository mount', () => {
  it('answers 201 with Location and digest when the blob is readable in `from`', async () => {
    const from = randomRepo();
    const to = randomRepo();
    const data = randomBytes(800);
    const digest = await c.pushBlob(from, data);
    const res = await c.fetch(`/v2/${to}/blobs/uploads/?mount=${digest}&from=${from}`, { method: 'POST' });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v2/${to}/blobs/${digest}`);
    expect(res.headers.get('docker-content-digest')).toBe(digest);
    expect((await readBlob(to, digest)).body.equals(data)).toBe(true);
  });

  it('falls back to a working upload session (202) when the mount cannot be done', async () => {
    const from = randomRepo();
    const data = randomBytes(600);
    const digest = sha256(data);
    await c.pushBlob(from, randomBytes(10)); // `from` exists but lacks the blob
    // First, while the blob exists nowhere: once a case has uploaded it, a mount without `from` finds it.
    const cases = [
      ['from omitted, the blob exists nowhere', `mount=${digest}`],
      ['from lacks the blob', `mount=${digest}&from=${from}`],
      ['from does not exist', `mount=${digest}&from=${randomRepo()}`],
      ['from is not a valid name', `mount=${digest}&from=UPPER/Case`],
      ['mount is not a digest', `mount=sha256:xyz&from=${from}`],
    ];
    for (const [label, query] of cases) {
      const to = randomRepo();
      const res = await c.fetch(`/v2/${to}/blobs/uploads/?${query}`, { method: 'POST' });
      expect(res.status, label).toBe(202);
      const location = res.headers.get('location');
      expect(location, label).toBeTruthy();
      expect(res.headers.get('docker-upload-uuid'), label).toBeTruthy();
      expect((await readBlob(to, digest)).status, label).toBe(404);
      const done = await put(location!, digest, data);
      expect(done.status, label).toBe(201);
      expect((await readBlob(to, digest)).body.equals(data), label).toBe(true);
    }
  });
});
