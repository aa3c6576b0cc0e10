import type { StorageDriver } from './driver';
import { FilesystemDriver } from './fs-driver';
import type { S3Settings } from './s3-client';
import { S3Driver } from './s3-driver';
import { EncryptedDriver, ENCRYPTION_KEYS_DIR } from './encryption/encrypted-driver';
import { EncryptionKeyError, parseKeyring } from './encryption/keyring';

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
export async function openStorage(config: StorageConfig, encryptionKeys?: string): Promise<StorageDriver> {
  const storage = createStorage(config);
  if (storage instanceof S3Driver) await storage.verify();
  else await storage.ping();
  if (encryptionKeys === undefined) {
    // Served as they are, encrypted bytes would fail every client's digest check: refuse instead.
    for await (const _ of storage.list(ENCRYPTION_KEYS_DIR)) {
      throw new EncryptionKeyError('storage is encrypted: set BERTH_ENCRYPTION_KEY or BERTH_ENCRYPTION_KEY_FILE');
    }
    return storage;
  }
  const encrypted = new EncryptedDriver(storage, parseKeyring(encryptionKeys));
  await encrypted.verifyKeys();
  return encrypted;
}
