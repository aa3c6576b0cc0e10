import type { StorageDriver } from '@/lib/storage/driver';
import type { RandomAccessSource } from './read-zip-file';

/**
 * An object in blob storage as a RandomAccessSource: each read is one ranged read of the driver (an HTTP range
 * request on S3), so the zip reader's large windows keep the number of requests small. Null when absent.
 */
export async function openStoredFileSource(storage: StorageDriver, key: string): Promise<RandomAccessSource | null> {
  const info = await storage.stat(key);
  if (!info) return null;
  const size = info.size;
  return {
    size,
    async read(pos, length) {
      const end = Math.min(pos + length, size) - 1;
      if (length <= 0 || end < pos) return Buffer.alloc(0);
      const chunks: Buffer[] = [];
      for await (const chunk of await storage.read(key, { start: pos, end })) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    close: async () => undefined,
  };
}
