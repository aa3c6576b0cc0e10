// OCI Distribution Spec 1.1: pulling, checking and deleting blobs (end-2, end-10), Range requests (RFC 9110 §14)
// and cross-repository visibility of blobs.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCode, randomRepo, sha256, useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
const c = useAdminClient(reg);

async function bytes(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

/** A repository holding one random blob of `size` bytes. */
async function repoWithBlob(size = 100) {
  const name = randomRepo();
  const data = randomBytes(size);
  const digest = await c.pushBlob(name, data);
  return { name, data, digest };
}

describe('HEAD /v2/<name>/blobs/<digest>', () => {
  it('answers 200 with Content-Length and Docker-Content-Digest and no body', async () => {
    const { name, data, digest } = await repoWithBlob(1234);
    const res = await c.fetch(`/v2/${name}/blobs/${digest}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(data.length));
    expect(res.headers.get('docker-content-digest')).toBe(digest);
    expect((await bytes(res)).length).toBe(0);
  });

  it('answers 404 for an unknown blob', async () => {
    const { name } = await repoWithBlob();
    const res = await c.fetch(`/v2/${name}/blobs/${sha256(randomBytes(8))}`, { method: 'HEAD' });
    expect(res.status).toBe(404);
    expect((await bytes(res)).length).toBe(0);
  });
});

describe('GET /v2/<name>/blobs/<digest>', () => {
  it('returns the whole blob with its digest and length', async () => {
    const { name, data, digest } = await repoWithBlob(70_000);
    const res = await c.fetch(`/v2/${name}/blobs/${digest}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('docker-content-digest')).toBe(digest);
    expect(res.headers.get('content-length')).toBe(String(data.length));
    const body = await bytes(res);
    expect(body.equals(data)).toBe(true);
    expect(sha256(body)).toBe(digest);
  });

  it('answers 404 BLOB_UNKNOWN for a blob the repository does not have', async () => {
    const { name } = await repoWithBlob();
    const res = await c.fetch(`/v2/${name}/blobs/${sha256(randomBytes(8))}`);
    expect(res.status).toBe(404);
    expect(await errorCode(res)).toBe('BLOB_UNKNOWN');
  });

  it('answers 404 NAME_UNKNOWN for a repository that does not exist', async () => {
    const res = await c.fetch(`/v2/${randomRepo()}/blobs/${sha256(randomBytes(8))}`);
    expect(res.status).toBe(404);
    expect(await errorCode(res)).toBe('NAME_UNKNOWN');
  });

  it('refuses malformed digests with 400 DIGEST_INVALID', async () => {
    const { name, digest } = await repoWithBlob();
    const hex = digest.slice('sha256:'.length);
    const bad = [
      'sha256:xyz',
      `md5:${createHash('md5').update('x').digest('hex')}`,
      `sha256:${hex.toUpperCase()}`,
      `sha256:${hex.slice(1)}`,
      `sha256:${hex}0`,
      `sha512:${hex}`,
      `:${hex}`,
    ];
    for (const d of bad) {
      for (const method of ['GET', 'HEAD', 'DELETE']) {
        const res = await c.fetch(`/v2/${name}/blobs/${d}`, { method });
        expect(res.status, `${method} ${d}`).toBe(400);
        if (method !== 'HEAD') expect(await errorCode(res), `${method} ${d}`).toBe('DIGEST_INVALID');
      }
    }
    // A bare hex string (no algorithm) cannot be a digest either.
    for (const method of ['GET', 'DELETE']) {
      const res = await c.fetch(`/v2/${name}/blobs/${hex}`, { method });
      expect(res.status, `${method} bare hex`).toBe(400);
      expect(await errorCode(res), `${method} bare hex`).toBe('DIGEST_INVALID');
    }
    // The blob itself is untouched.
    expect((await c.fetch(`/v2/${name}/blobs/${digest}`, { method: 'HEAD' })).status).toBe(200);
  });
});

describe('Range requests', () => {
  it('serves bytes=0-9 as 206 with Content-Range', async () => {
    const { name, data, digest } = await repoWithBlob(100);
    const res = await c.fetch(`/v2/${name}/blobs/${digest}`, { headers: { Range: 'bytes=0-9' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 0-9/100');
    expect(res.headers.get('content-length')).toBe('10');
    expect((await bytes(res)).equals(data.subarray(0, 10))).toBe(true);
  });

  it('serves a range in the middle of the blob', async () => {
    const { name, data, digest } = await repoWithBlob(100);
    const res = await c.fetch(`/v2/${name}/blobs/${digest}`, { headers: { Range: 'bytes=40-59' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 40-59/100');
    expect((await bytes(res)).equals(data.subarray(40, 60))).toBe(true);
  });

  it('serves a suffix range bytes=-5 (the last five bytes)', async () => {
    const { name, data, digest } = await repoWithBlob(100);
    const res = await c.fetch(`/v2/${name}/blobs/${digest}`, { headers: { Range: 'bytes=-5' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 95-99/100');
    expect((await bytes(res)).equals(data.subarray(95))).toBe(true);
  });

  it('serves an open-ended range bytes=10- to the end', async () => {
    const { name, data, digest } = await repoWithBlob(100);
    const res = await c.fetch(`/v2/${name}/blobs/${digest}`, { headers: { Range: 'bytes=10-' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 10-99/100');
    expect(res.headers.get('content-length')).toBe('90');
    expect((await bytes(res)).equals(data.subarray(10))).toBe(true);
  });

  it('clamps a range whose end is past the blob (RFC 9110 §14.1.2)', async () => {
    const { name, data, digest } = await repoWithBlob(100);
    const res = await c.fetch(`/v2/${name}/blobs/${digest}`, { headers: { Range: 'bytes=90-1000' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 90-99/100');
    expect((await bytes(res)).equals(data.subarray(90))).toBe(true);
  });

  it('answers 416 with Content-Range bytes */size for an unsatisfiable range', async () => {
    const { name, digest } = await repoWithBlob(100);
    for (const range of ['bytes=100-', 'bytes=200-300', 'bytes=-0']) {
      const res = await c.fetch(`/v2/${name}/blobs/${digest}`, { headers: { Range: range } });
      expect(res.status, range).toBe(416);
      expect(res.headers.get('content-range'), range).toBe('bytes */100');
    }
  });
});

describe('blobs across repositories', () => {
  it('a blob pushed in repository A is not readable in B until mounted there', async () => {
    const { name: a, data, digest } = await repoWithBlob(500);
    const { name: b } = await repoWithBlob(10);
    const before = await c.fetch(`/v2/${b}/blobs/${digest}`);
    expect(before.status).toBe(404);
    expect(await errorCode(before)).toBe('BLOB_UNKNOWN');
    expect((await c.fetch(`/v2/${b}/blobs/${digest}`, { method: 'HEAD' })).status).toBe(404);

    const mount = await c.fetch(`/v2/${b}/blobs/uploads/?mount=${digest}&from=${a}`, { method: 'POST' });
    expect(mount.status).toBe(201);
    const after = await c.fetch(`/v2/${b}/blobs/${digest}`);
    expect(after.status).toBe(200);
    expect((await bytes(after)).equals(data)).toBe(true);
  });
});

describe('DELETE /v2/<name>/blobs/<digest>', () => {
  it('answers 202, after which HEAD and GET answer 404', async () => {
    const { name, digest } = await repoWithBlob();
    const res = await c.fetch(`/v2/${name}/blobs/${digest}`, { method: 'DELETE' });
    expect(res.status).toBe(202);
    expect((await c.fetch(`/v2/${name}/blobs/${digest}`, { method: 'HEAD' })).status).toBe(404);
    const get = await c.fetch(`/v2/${name}/blobs/${digest}`);
    expect(get.status).toBe(404);
    expect(await errorCode(get)).toBe('BLOB_UNKNOWN');
  });

  it('answers 404 BLOB_UNKNOWN for a blob that is not there, including a second delete', async () => {
    const { name, digest } = await repoWithBlob();
    const unknown = await c.fetch(`/v2/${name}/blobs/${sha256(randomBytes(8))}`, { method: 'DELETE' });
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('BLOB_UNKNOWN');
    expect((await c.fetch(`/v2/${name}/blobs/${digest}`, { method: 'DELETE' })).status).toBe(202);
    const again = await c.fetch(`/v2/${name}/blobs/${digest}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(await errorCode(again)).toBe('BLOB_UNKNOWN');
  });

  it('removes the blob from one repository only', async () => {
    const { name: a, data, digest } = await repoWithBlob(300);
    const b = randomRepo();
    expect((await c.fetch(`/v2/${b}/blobs/uploads/?mount=${digest}&from=${a}`, { method: 'POST' })).status).toBe(201);
    expect((await c.fetch(`/v2/${a}/blobs/${digest}`, { method: 'DELETE' })).status).toBe(202);
    expect((await c.fetch(`/v2/${a}/blobs/${digest}`, { method: 'HEAD' })).status).toBe(404);
    const inB = await c.fetch(`/v2/${b}/blobs/${digest}`);
    expect(inB.status).toBe(200);
    expect((await bytes(inB)).equals(data)).toBe(true);
  });

  it('lets the same blob be pushed again after a delete', async () => {
    const { name, data, digest } = await repoWithBlob(200);
    expect((await c.fetch(`/v2/${name}/blobs/${digest}`, { method: 'DELETE' })).status).toBe(202);
    expect(await c.pushBlob(name, data)).toBe(digest);
    const res = await c.fetch(`/v2/${name}/blobs/${digest}`);
    expect(res.status).toBe(200);
    expect((await bytes(res)).equals(data)).toBe(true);
  });
});
