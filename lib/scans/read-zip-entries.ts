import yauzl from 'yauzl';
import { readBounded } from '@/lib/streams/read-bounded';

export interface ZipEntryVisitor {
  /** Return a byte limit to receive the entry's content, or undefined to skip it. */
  wants(fileName: string, uncompressedSize: number): number | undefined;
  visit(fileName: string, content: Buffer): Promise<void>;
}

/**
 * Walks the entries of a zip held in memory and hands selected ones, read with a byte bound,
 * to the visitor. Entries are read one at a time, so peak memory is the archive plus one entry.
 */
export async function readZipEntries(zip: Buffer, visitor: ZipEntryVisitor): Promise<void> {
  const zipfile = await yauzl.fromBufferPromise(zip, { lazyEntries: true, validateEntrySizes: true });
  try {
    for await (const entry of zipfile.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const limit = visitor.wants(entry.fileName, entry.uncompressedSize);
      if (limit === undefined || entry.uncompressedSize > limit) continue;
      const stream = await zipfile.openReadStreamPromise(entry);
      const content = await readBounded(stream, limit);
      if (content) await visitor.visit(entry.fileName, content);
    }
  } finally {
    zipfile.close();
  }
}
