// The registry on S3-compatible storage (a real S3 protocol server, s3rver): chunked pushes in small PATCHes, the
// sha512 path that reads an upload back, range reads, and presigned redirects.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@/lib/config';
import { openStorage } from '@/lib/storage/create-storage';
import { fileFixture } from '../../support/file-fixture';
import { OciClient, patchUpload, putUpload, randomRepo, sha256, startUpload, useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';
import { startTestS3 } from '../../support/s3';

const MiB = 1024 * 1024;
const s3 = fileFixture(() => startTestS3(), (server) => server.stop());
const onS3 = (redirect: boolean) => () => ({ storage: { driver: 's3', s3: s3.settings({ prefix: 'reg/', redirect }) } }) as const;
const reg = useTestRegistry(onS3(false));
const redirecting = useTestRegistry(onS3(true));
const c = useAdminClient(reg);

async function chunkedPush(name: string, data: Buffer, digest: string): Promise<Response> {
  const { location } = await startUpload(c, name);
  let next = location;
  for (let offset = 0; offset < data.length; offset += MiB) {
    const chunk = data.subarray(offset, offset + MiB);
    const res = await patchUpload(c, next, chunk as unknown as BodyInit, `${offset}-${offset + chunk.length - 1}`);
    expect(res.status).toBe(202);
    expect(res.headers.get('range')).toBe(`0-${offset + chunk.length - 1}`);
    next = res.headers.get('location')!;
  }
  return putUpload(c, next, digest);
}

describe('a registry on S3', () => {
  it('takes a blob pushed in 1 MiB chunks and serves it whole and by range', async () => {
    const name = randomRepo();
    const data = randomBytes(11 * MiB + 17);
    const digest = sha256(data);
    const put = await chunkedPush(name, data, digest);
    expect(put.status).toBe(201);
    const res = await c.fetch(`/v2/${name}/blobs/${digest}`);
    expect(res.status).toBe(200);
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(digest);
    const ranged = await c.fetch(`/v2/${name}/blobs/${digest}`, { headers: { Range: `bytes=${5 * MiB - 3}-${5 * MiB + 2}` } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(data.subarray(5 * MiB - 3, 5 * MiB + 3));
  });

  it('verifies a sha512 digest by reading the staged upload back', async () => {
    const name = randomRepo();
    const data = randomBytes(3 * MiB);
    const digest = `sha512:${createHash('sha512').update(data).digest('hex')}`;
    expect((await chunkedPush(name, data, digest)).status).toBe(201);
    const wrong = await chunkedPush(name, randomBytes(2 * MiB), digest);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { errors: Array<{ code: string }> }).errors[0]!.code).toBe('DIGEST_INVALID');
  });

  it('redirects blob GETs to a presigned URL when asked to, keeping HEAD and ranges working', async () => {
    const name = randomRepo();
    const data = randomBytes(300_000);
    const digest = await c.pushBlob(name, data);
    const other = new OciClient(redirecting, redirecting.admin);
    // Both registries share the bucket but not the database: the blob must be pushed to the second one too.
    await other.pushBlob(name, data);
    const head = await other.fetch(`/v2/${name}/blobs/${digest}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(data.length));
    const res = await other.fetch(`/v2/${name}/blobs/${digest}`);
    expect(res.status).toBe(307);
    expect(res.headers.get('docker-content-digest')).toBe(digest);
    const location = res.headers.get('location')!;
    expect(location.startsWith(s3.endpoint)).toBe(true);
    const ranged = await fetch(location, { headers: { Range: 'bytes=1000-1999' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(data.subarray(1000, 2000));
    // Without the setting, the same bucket is served through the registry.
    expect((await c.fetch(`/v2/${name}/blobs/${digest}`)).status).toBe(200);
  });
});

describe('starting on S3', () => {
  it('needs a bucket', () => {
    expect(() => loadConfig({ BERTH_STORAGE: 's3' })).toThrow(ConfigError);
    expect(() => loadConfig({ BERTH_STORAGE: 's3' })).toThrow('BERTH_S3_BUCKET: required when BERTH_STORAGE=s3');
  });

  it('reads every setting', () => {
    const config = loadConfig({
      BERTH_STORAGE: 's3',
      BERTH_S3_BUCKET: 'images',
      BERTH_S3_REGION: 'eu-west-1',
      BERTH_S3_ENDPOINT: 'http://minio:9000',
      BERTH_S3_ACCESS_KEY_ID: 'key',
      BERTH_S3_SECRET_ACCESS_KEY: 'secret',
      BERTH_S3_FORCE_PATH_STYLE: 'true',
      BERTH_S3_PREFIX: 'berth',
      BERTH_S3_REDIRECT: 'true',
    });
    expect(config.storage).toEqual({
      driver: 's3',
      s3: { bucket: 'images', region: 'eu-west-1', endpoint: 'http://minio:9000', accessKeyId: 'key', secretAccessKey: 'secret', forcePathStyle: true, prefix: 'berth/', redirect: true },
    });
    expect(() => loadConfig({ BERTH_STORAGE: 's3', BERTH_S3_BUCKET: 'images', BERTH_S3_ACCESS_KEY_ID: 'key' })).toThrow('set both');
  });

  it('fails with one line when the bucket does not exist', async () => {
    const err = await openStorage({ driver: 's3', s3: s3.settings({ bucket: 'missing-bucket' }) }).catch((e: Error) => e);
    expect((err as Error).message).toBe(`S3 bucket "missing-bucket" not found at ${s3.endpoint} (BERTH_S3_BUCKET)`);
  });
});
