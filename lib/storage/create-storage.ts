import type { StorageDriver } from './driver';
import { FilesystemDriver } from './fs-driver';
import type { S3Settings } from './s3-client';
import { S3Driver } from './s3-driver';

/** Where blobs live: a directory, or an S3-compatible bucket. */
export type StorageConfig = { driver: 'fs'; rootDir: string } | { driver: 's3'; s3: S3Settings };

export function createStorage(config: StorageConfig): StorageDriver {
  switch (config.driver) {
    case 'fs':
      return new FilesystemDriver(config.rootDir);
    case 's3':
      return new S3Driver(config.s3);
    default: {
      // Config may come from untyped sources (env, files), so an unknown driver fails loudly at startup.
      const unknown: never = config;
      throw new Error(`unknown storage driver: ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * The configured storage, checked before the server takes requests: a missing bucket, refused credentials or an
 * unwritable directory fail the start with one clear line instead of every push failing later.
 */
export async function openStorage(config: StorageConfig): Promise<StorageDriver> {
  const storage = createStorage(config);
  if (storage instanceof S3Driver) await storage.verify();
  else await storage.ping();
  return storage;
}
