import type { StorageDriver } from './driver';
import { FilesystemDriver } from './fs-driver';

/** Where blobs live; a union so that an S3 variant can be added beside the filesystem one. */
export type StorageConfig = { driver: 'fs'; rootDir: string };

export function createStorage(config: StorageConfig): StorageDriver {
  switch (config.driver) {
    case 'fs':
      return new FilesystemDriver(config.rootDir);
    default: {
      // Config may come from untyped sources (env, files), so an unknown driver fails loudly at startup.
      const unknown: never = config.driver;
      throw new Error(`unknown storage driver: ${JSON.stringify(unknown)}`);
    }
  }
}
