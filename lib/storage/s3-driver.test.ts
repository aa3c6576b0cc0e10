import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '@/test/support/s3';
import { storageContract } from '@/test/support/storage-contract';
import { S3Driver } from './s3-driver';
import { collect, once, readAll } from './streams';

storageContract('s3', async () => {
  const s3 = await startTestS3();
  return { driver: new S3Driver(s3.settings({ prefix: 'registry/' })), cleanup: () => s3.stop() };
}, { timeout: 60_000 });

// The default 5 s is short for 12 MiB through an S3 server in the same process on a shared machine.
describe('S3Driver', { timeout: 120_000 }, () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3();
  });
  afterAll(async () => {
    await s3.stop();
  });

  it('takes an upload written 1 MiB at a time, alternating between two instances, and keeps no tail in memory', async () => {
    const a = new S3Driver(s3.settings());
    const b = new S3Driver(s3.settings());
    const key = `uploads/${randomUUID()}`;
    const data = randomBytes(12 * 1024 * 1024 + 123);
    const MiB = 1024 * 1024;
    for (let offset = 0, i = 0; offset < data.length; offset += MiB, i++) {
      const driver = i % 2 === 0 ? a : b;
      expect(await driver.write(key, once(data.subarray(offset, offset + MiB)), { offset })).toEqual({
        written: Math.min(MiB, data.length - offset),
      });
    }
    // Every segment but the last meets S3's part minimum, so the segments can become one multipart object.
    const sizes = await segmentSizes(a, key);
    expect(sizes.slice(0, -1).every((size) => size >= 5 * MiB)).toBe(true);
    expect(sizes.reduce((x, y) => x + y, 0)).toBe(data.length);
    expect((await b.stat(key))?.size).toBe(data.length);
    expect(await readAll(await a.read(key, { start: 5 * MiB - 10, end: 5 * MiB + 9 }))).toEqual(data.subarray(5 * MiB - 10, 5 * MiB + 10));
    const blob = `blobs/sha256/${randomUUID()}`;
    await b.move(key, blob);
    // Compared by digest: a deep equality over megabytes is slow to run and slower to report.
    expect(sha256(await readAll(await a.read(blob)))).toBe(sha256(data));
    expect(await segmentSizes(a, key)).toEqual([]);
    expect(await a.stat(key)).toBeNull();
  });

  it('continues from the committed length when a crashed request stored more', async () => {
    const driver = new S3Driver(s3.settings());
    const key = `uploads/${randomUUID()}`;
    const committed = randomBytes(6 * 1024 * 1024);
    await driver.write(key, once(committed));
    // This request's bytes were stored but the instance died before recording them: the client resends from 6 MiB.
    await driver.write(key, once(randomBytes(3 * 1024 * 1024)), { offset: committed.length });
    const resent = randomBytes(2 * 1024 * 1024);
    await driver.write(key, once(resent), { offset: committed.length });
    expect(sha256(await readAll(await driver.read(key)))).toBe(sha256(Buffer.concat([committed, resent])));
  });

  it('serves a presigned URL that honours ranges, only when redirects are on', async () => {
    const driver = new S3Driver(s3.settings({ redirect: true }));
    const key = `blobs/${randomUUID()}`;
    const data = randomBytes(4096);
    const upload = `uploads/${randomUUID()}`;
    await driver.write(upload, once(data));
    // Blobs are moved into place, which makes them one object a URL can name.
    expect(await driver.redirectUrl(upload, { expiresInSeconds: 60 })).toBeNull();
    await driver.move(upload, key);
    const url = await driver.redirectUrl(key, { expiresInSeconds: 60 });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*X-Amz-Signature=/);
    const res = await fetch(url!, { headers: { Range: 'bytes=100-199' } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(data.subarray(100, 200));
    expect(await new S3Driver(s3.settings()).redirectUrl(key, { expiresInSeconds: 60 })).toBeNull();
  });

  it('keeps keys under its prefix and out of the driver-internal directories', async () => {
    const one = new S3Driver(s3.settings({ prefix: `one-${randomUUID()}/` }));
    const two = new S3Driver(s3.settings({ prefix: `two-${randomUUID()}/` }));
    await one.write('k', once(randomBytes(3)));
    expect(await two.stat('k')).toBeNull();
    await expect(one.write('.staging/x', once(randomBytes(3)))).rejects.toThrow('invalid storage key');
    await one.ping();
    expect(await collect(one.list(''))).toEqual(['k']);
  });

  it.each([
    ['a missing bucket', { bucket: 'no-such-bucket' }, /^S3 bucket "no-such-bucket" not found at http/],
    ['an unknown access key', { accessKeyId: 'nobody' }, /^access denied to S3 bucket "berth-test"/],
    ['an endpoint nobody listens on', { endpoint: 'http://127.0.0.1:1' }, /^cannot reach S3 at http:\/\/127\.0\.0\.1:1: /],
  ])('fails verify() with one clear line for %s', async (_what, overrides, message) => {
    const driver = new S3Driver(s3.settings(overrides));
    const err = await driver.verify().then(() => null, (e: unknown) => e as Error);
    expect(err?.name).toBe('StorageConfigError');
    expect(err?.message).toMatch(message);
    expect(err?.message).not.toContain('\n');
  });

  it('verifies a usable bucket', async () => {
    await expect(new S3Driver(s3.settings()).verify()).resolves.toBeUndefined();
  });
});

/** The sizes of a key's staged segments, in order, straight from the bucket. */
async function segmentSizes(driver: S3Driver, key: string): Promise<number[]> {
  const { listSegments } = await import('./s3-staging');
  return (await listSegments(driver.client, 'berth-test', `.staging/${key}/`)).map((s) => s.size);
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
