import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Settings } from '@/lib/storage/s3-client';

export interface TestS3 {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  /** Settings for a bucket that exists, with the server's fixed credentials. */
  settings(overrides?: Partial<S3Settings>): S3Settings;
  stop(): Promise<void>;
}

/**
 * A real S3 protocol server (s3rver, files under a temp directory) on a random loopback port, with one bucket.
 * s3rver accepts the fixed credentials S3RVER/S3RVER and checks request signatures.
 */
export async function startTestS3(bucket = 'berth-test'): Promise<TestS3> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'berth-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    settings: (overrides = {}) => ({
      bucket,
      region: 'us-east-1',
      endpoint,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      prefix: '',
      redirect: false,
      ...overrides,
    }),
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
