// OCI Distribution Spec 1.1: pushing blobs — sessions (end-4a, end-13), monolithic POST (end-4b), chunks (end-5)
// and the closing PUT (end-6). Unknown sessions, cancel and mount are in upload-sessions.test.ts.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  SPEC_ERROR_CODES,
  errorCode,
  randomRepo,
  sha256,
  startUpload,
  uploadCalls,
  useAdminClient,
} from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
const c = useAdminClient(reg);
const { readBlob, patch, put } = uploadCalls(c);

const OCTET = { 'Content-Type': 'application/octet-stream' };
const EMPTY_SHA256 = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function sha512(data: Uint8Array): string {
  return `sha512:${createHash('sha512').update(data).digest('hex')}`;
}


describe('opening a session', () => {
  it('POST answers 202 with Location, Docker-Upload-UUID and Range 0-0', async () => {
    const name = randomRepo();
    const res = await c.fetch(`/v2/${name}/blobs/uploads/`, { method: 'POST', headers: { 'Content-Length': '0' } });
    expect(res.status).toBe(202);
    const id = res.headers.get('docker-upload-uuid');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('location')).toMatch(new RegExp(`/v2/${name}/blobs/uploads/${id}($|\\?)`));
    expect(res.headers.get('range')).toBe('0-0');
    expect(res.headers.get('content-length')).toBe('0');
    const status = await c.fetch(res.headers.get('location')!);
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe('0-0');
    expect(status.headers.get('location')).toBe(res.headers.get('location'));
  });

  it('gives each POST its own session', async () => {
    const name = randomRepo();
    const a = await startUpload(c, name);
    const b = await startUpload(c, name);
    expect(a.id).not.toBe(b.id);
    expect(a.location).not.toBe(b.location);
  });
});

describe('monolithic POST ?digest=', () => {
  it('answers 201 with the blob Location and digest; the blob is readable', async () => {
    const name = randomRepo();
    const data = randomBytes(5000);
    const digest = sha256(data);
    const res = await c.fetch(`/v2/${name}/blobs/uploads/?digest=${digest}`, { method: 'POST', body: data, headers: OCTET });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v2/${name}/blobs/${digest}`);
    expect(res.headers.get('docker-content-digest')).toBe(digest);
    const blob = await readBlob(name, digest);
    expect(blob.status).toBe(200);
    expect(blob.body.equals(data)).toBe(true);
  });

  it('refuses a body that does not match the digest with 400 DIGEST_INVALID, storing nothing', async () => {
    const name = randomRepo();
    const data = randomBytes(1000);
    const claimed = sha256(randomBytes(1000));
    const res = await c.fetch(`/v2/${name}/blobs/uploads/?digest=${claimed}`, { method: 'POST', body: data, headers: OCTET });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('DIGEST_INVALID');
    expect((await readBlob(name, claimed)).status).toBe(404);
    expect((await readBlob(name, sha256(data))).status).toBe(404);
  });

  it('refuses a malformed digest with 400 DIGEST_INVALID', async () => {
    const name = randomRepo();
    for (const d of ['sha256:xyz', 'md5:0cc175b9c0f1b6a831c399e269772661', 'nonsense']) {
      const res = await c.fetch(`/v2/${name}/blobs/uploads/?digest=${d}`, { method: 'POST', body: randomBytes(10), headers: OCTET });
      expect(res.status, d).toBe(400);
      expect(await errorCode(res), d).toBe('DIGEST_INVALID');
    }
  });

  it('accepts a sha512 digest, and the blob is readable under it', async () => {
    const name = randomRepo();
    const data = randomBytes(3000);
    const digest = sha512(data);
    const res = await c.fetch(`/v2/${name}/blobs/uploads/?digest=${digest}`, { method: 'POST', body: data, headers: OCTET });
    expect(res.status).toBe(201);
    expect(res.headers.get('docker-content-digest')).toBe(digest);
    const blob = await c.fetch(`/v2/${name}/blobs/${digest}`);
    expect(blob.status).toBe(200);
    expect(blob.headers.get('docker-content-digest')).toBe(digest);
    expect(Buffer.from(await blob.arrayBuffer()).equals(data)).toBe(true);
    const wrong = await c.fetch(`/v2/${name}/blobs/uploads/?digest=${sha512(randomBytes(5))}`, { method: 'POST', body: data, headers: OCTET });
    expect(wrong.status).toBe(400);
    expect(await errorCode(wrong)).toBe('DIGEST_INVALID');
  });

  it('uploads a zero-length blob', async () => {
    const name = randomRepo();
    const res = await c.fetch(`/v2/${name}/blobs/uploads/?digest=${EMPTY_SHA256}`, { method: 'POST', body: new Uint8Array(0), headers: OCTET });
    expect(res.status).toBe(201);
    const head = await c.fetch(`/v2/${name}/blobs/${EMPTY_SHA256}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('0');
    const blob = await readBlob(name, EMPTY_SHA256);
    expect(blob.status).toBe(200);
    expect(blob.body.length).toBe(0);
  });
});

describe('POST then PUT', () => {
  it('accepts the whole blob in the closing PUT', async () => {
    const name = randomRepo();
    const data = randomBytes(4000);
    const { location } = await startUpload(c, name);
    const res = await put(location, sha256(data), data);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v2/${name}/blobs/${sha256(data)}`);
    expect(res.headers.get('docker-content-digest')).toBe(sha256(data));
    expect((await readBlob(name, sha256(data))).body.equals(data)).toBe(true);
    // The session is over.
    const after = await c.fetch(location);
    expect(after.status).toBe(404);
    expect(await errorCode(after)).toBe('BLOB_UPLOAD_UNKNOWN');
  });

  it('uploads a zero-length blob with an empty closing PUT', async () => {
    const name = randomRepo();
    const { location } = await startUpload(c, name);
    const res = await put(location, EMPTY_SHA256);
    expect(res.status).toBe(201);
    const blob = await readBlob(name, EMPTY_SHA256);
    expect(blob.status).toBe(200);
    expect(blob.body.length).toBe(0);
  });

  it('accepts a sha512 digest on the closing PUT', async () => {
    const name = randomRepo();
    const data = randomBytes(2000);
    const { location } = await startUpload(c, name);
    expect((await patch(location, data)).status).toBe(202);
    const res = await put(location, sha512(data));
    expect(res.status).toBe(201);
    expect((await readBlob(name, sha512(data))).body.equals(data)).toBe(true);
  });
});

describe('PATCH', () => {
  it('takes a streamed chunk without Content-Range; an empty PUT ?digest= completes it', async () => {
    const name = randomRepo();
    const data = randomBytes(100_000);
    const { location } = await startUpload(c, name);
    const res = await patch(location, data);
    expect(res.status).toBe(202);
    expect(res.headers.get('range')).toBe(`0-${data.length - 1}`);
    expect(res.headers.get('location')).toBeTruthy();
    const done = await put(res.headers.get('location')!, sha256(data));
    expect(done.status).toBe(201);
    expect((await readBlob(name, sha256(data))).body.equals(data)).toBe(true);
  });

  it('takes a streamed chunk sent with chunked transfer encoding (no Content-Length)', async () => {
    const name = randomRepo();
    const parts = [randomBytes(1000), randomBytes(70_000), randomBytes(10)];
    const data = Buffer.concat(parts);
    const { location } = await startUpload(c, name);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const p of parts) controller.enqueue(p);
        controller.close();
      },
    });
    const res = await c.fetch(location, { method: 'PATCH', body, headers: OCTET });
    expect(res.status).toBe(202);
    expect(res.headers.get('range')).toBe(`0-${data.length - 1}`);
    expect((await put(location, sha256(data))).status).toBe(201);
    expect((await readBlob(name, sha256(data))).body.equals(data)).toBe(true);
  });

  it('takes three chunks with Content-Range, reporting the range after each; GET shows it too', async () => {
    const name = randomRepo();
    const data = randomBytes(30_000);
    const cuts = [0, 10_000, 25_000, 30_000];
    let { location } = await startUpload(c, name);
    for (let i = 0; i < 3; i++) {
      const res = await patch(location, data.subarray(cuts[i], cuts[i + 1]), `${cuts[i]}-${cuts[i + 1]! - 1}`);
      expect(res.status, `chunk ${i}`).toBe(202);
      expect(res.headers.get('range'), `chunk ${i}`).toBe(`0-${cuts[i + 1]! - 1}`);
      location = res.headers.get('location')!;
      const status = await c.fetch(location);
      expect(status.status).toBe(204);
      expect(status.headers.get('range')).toBe(`0-${cuts[i + 1]! - 1}`);
      expect(status.headers.get('location')).toBe(location);
    }
    expect((await put(location, sha256(data))).status).toBe(201);
    expect((await readBlob(name, sha256(data))).body.equals(data)).toBe(true);
  });

  it('lets the closing PUT carry the last chunk', async () => {
    const name = randomRepo();
    const data = randomBytes(20_000);
    const { location } = await startUpload(c, name);
    expect((await patch(location, data.subarray(0, 12_000), '0-11999')).status).toBe(202);
    const res = await put(location, sha256(data), data.subarray(12_000), `12000-${data.length - 1}`);
    expect(res.status).toBe(201);
    expect(res.headers.get('docker-content-digest')).toBe(sha256(data));
    expect((await readBlob(name, sha256(data))).body.equals(data)).toBe(true);
  });

  it('refuses an out-of-order chunk with 416 and the current Range; the upload then continues', async () => {
    const name = randomRepo();
    const data = randomBytes(3000);
    const { location } = await startUpload(c, name);
    expect((await patch(location, data.subarray(0, 1000), '0-999')).status).toBe(202);
    // A gap, then an overlap: neither starts where the upload ends.
    for (const [from, to] of [[1500, 1999], [500, 1499]] as const) {
      const res = await patch(location, data.subarray(from, to + 1), `${from}-${to}`);
      expect(res.status, `${from}-${to}`).toBe(416);
      expect(res.headers.get('range'), `${from}-${to}`).toBe('0-999');
    }
    const status = await c.fetch(location);
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe('0-999');
    // OCI: after a 416 the client resumes from the last valid range.
    const next = await patch(location, data.subarray(1000), `1000-${data.length - 1}`);
    expect(next.status).toBe(202);
    expect(next.headers.get('range')).toBe(`0-${data.length - 1}`);
    expect((await put(location, sha256(data))).status).toBe(201);
    expect((await readBlob(name, sha256(data))).body.equals(data)).toBe(true);
  });

  it('refuses a malformed Content-Range with 400', async () => {
    const name = randomRepo();
    const { location } = await startUpload(c, name);
    for (const range of ['abc', '0-', '-9', '5-2', 'bytes 0-x']) {
      const res = await patch(location, randomBytes(10), range);
      expect(res.status, range).toBe(400);
      const code = await errorCode(res);
      expect(code !== undefined && SPEC_ERROR_CODES.has(code), `${range}: ${code}`).toBe(true);
    }
    const status = await c.fetch(location);
    expect(status.headers.get('range')).toBe('0-0');
  });

  it('refuses a Content-Length that differs from the Content-Range length with 400 SIZE_INVALID', async () => {
    const name = randomRepo();
    const { location } = await startUpload(c, name);
    const res = await patch(location, randomBytes(5), '0-9');
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('SIZE_INVALID');
    const status = await c.fetch(location);
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe('0-0');
  });
});

describe('closing PUT', () => {
  it('refuses a PUT without ?digest= with 400 DIGEST_INVALID', async () => {
    const name = randomRepo();
    const data = randomBytes(100);
    const { location } = await startUpload(c, name);
    expect((await patch(location, data)).status).toBe(202);
    const res = await put(location, null);
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('DIGEST_INVALID');
  });

  it('refuses a wrong digest with 400 DIGEST_INVALID and ends the session', async () => {
    const name = randomRepo();
    const data = randomBytes(100);
    const wrong = sha256(randomBytes(100));
    const { location } = await startUpload(c, name);
    expect((await patch(location, data)).status).toBe(202);
    const res = await put(location, wrong);
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('DIGEST_INVALID');
    expect((await readBlob(name, wrong)).status).toBe(404);
    expect((await readBlob(name, sha256(data))).status).toBe(404);
    const after = await c.fetch(location);
    expect(after.status).toBe(404);
    expect(await errorCode(after)).toBe('BLOB_UPLOAD_UNKNOWN');
  });
});
