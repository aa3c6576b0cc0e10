import { open } from 'node:fs/promises';
import zlib from 'node:zlib';

export class ZipFormatError extends Error {}

/** Bytes that can be read at any position: a file on disk, or an object in blob storage (stored-zip-source.ts). */
export interface RandomAccessSource {
  readonly size: number;
  /** Up to `length` bytes from `pos` (fewer only at the end). */
  read(pos: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** A file on disk as a RandomAccessSource. */
export async function openFileSource(file: string): Promise<RandomAccessSource> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(pos, length) {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, pos);
        return buffer.subarray(0, bytesRead);
      },
      close: () => handle.close(),
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

export type ZipEntryContent = { name: string; content: Buffer } | { name: string; skipped: string };

/**
 * The file entries of a zip on disk, in central-directory order, each inflated whole (entries larger than
 * `maxEntryBytes` are skipped with a reason). Reads go through two sliding windows (central directory and data), so
 * memory is bounded by the window size and one entry however large the archive, and an export of 100,000 small
 * records is read in a few large sequential reads instead of several small ones per entry (yauzl's per-entry
 * streams cost about a millisecond each). Stored and deflated entries, zip64; no encryption, no multi-disk.
 */
export async function* readZipFile(file: string | RandomAccessSource, opts: { maxEntryBytes: number; accept: (name: string) => boolean }): AsyncGenerator<ZipEntryContent> {
  const handle = typeof file === 'string' ? await openFileSource(file) : file;
  try {
    const size = handle.size;
    const { cdOffset, cdSize, entries } = await readEndOfCentralDirectory(handle, size);
    if (cdOffset + cdSize > size) throw new ZipFormatError('central directory beyond the end of the file');
    const cd = createWindowReader(handle, size, 1024 * 1024);
    const data = createWindowReader(handle, size, 8 * 1024 * 1024);
    let pos = cdOffset;
    for (let i = 0; i < entries; i++) {
      const header = await cd.read(pos, 46);
      if (header.readUInt32LE(0) !== 0x02014b50) throw new ZipFormatError(`bad central directory entry ${i}`);
      const flags = header.readUInt16LE(8);
      const method = header.readUInt16LE(10);
      const crc = header.readUInt32LE(16);
      let compressedSize = header.readUInt32LE(20);
      let uncompressedSize = header.readUInt32LE(24);
      const nameLength = header.readUInt16LE(28);
      const extraLength = header.readUInt16LE(30);
      const commentLength = header.readUInt16LE(32);
      let localOffset = header.readUInt32LE(42);
      const variable = await cd.read(pos + 46, nameLength + extraLength);
      pos += 46 + nameLength + extraLength + commentLength;
      const name = variable.toString('utf8', 0, nameLength);
      if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
        const zip64 = findZip64Extra(variable.subarray(nameLength));
        if (!zip64) throw new ZipFormatError(`${name}: zip64 sizes missing`);
        let at = 0;
        if (uncompressedSize === 0xffffffff) (uncompressedSize = Number(zip64.readBigUInt64LE(at))), (at += 8);
        if (compressedSize === 0xffffffff) (compressedSize = Number(zip64.readBigUInt64LE(at))), (at += 8);
        if (localOffset === 0xffffffff) localOffset = Number(zip64.readBigUInt64LE(at));
      }
      if (name.endsWith('/') || !opts.accept(name)) continue;
      if (flags & 0x1) {
        yield { name, skipped: 'encrypted' };
        continue;
      }
      if (method !== 0 && method !== 8) {
        yield { name, skipped: `compression method ${method} is not supported` };
        continue;
      }
      if (uncompressedSize > opts.maxEntryBytes || compressedSize > opts.maxEntryBytes) {
        yield { name, skipped: `larger than ${opts.maxEntryBytes} bytes` };
        continue;
      }
      const local = await data.read(localOffset, 30);
      if (local.readUInt32LE(0) !== 0x04034b50) throw new ZipFormatError(`${name}: bad local header`);
      const start = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (start + compressedSize > size) throw new ZipFormatError(`${name}: data beyond the end of the file`);
      const raw = await data.read(start, compressedSize);
      let content: Buffer;
      try {
        content = method === 0 ? Buffer.from(raw) : zlib.inflateRawSync(raw, { maxOutputLength: Math.max(uncompressedSize, 1) });
      } catch (err) {
        throw new ZipFormatError(`${name}: ${(err as Error).message}`);
      }
      if (content.length !== uncompressedSize || zlib.crc32(content) !== crc) throw new ZipFormatError(`${name}: size or CRC mismatch`);
      yield { name, content };
    }
  } finally {
    await handle.close();
  }
}

async function readEndOfCentralDirectory(handle: RandomAccessSource, size: number): Promise<{ cdOffset: number; cdSize: number; entries: number }> {
  // The end record is 22 bytes plus a comment of at most 64 KiB.
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await handle.read(size - tailLength, tailLength);
  if (tail.length < 22) throw new ZipFormatError('end of central directory record signature not found');
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError('end of central directory record signature not found');
  let entries = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  const locator = eocd - 20;
  if (locator >= 0 && tail.readUInt32LE(locator) === 0x07064b50) {
    const recordOffset = Number(tail.readBigUInt64LE(locator + 8));
    const record = await handle.read(recordOffset, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== 0x06064b50) throw new ZipFormatError('bad zip64 end of central directory record');
    entries = Number(record.readBigUInt64LE(32));
    cdSize = Number(record.readBigUInt64LE(40));
    cdOffset = Number(record.readBigUInt64LE(48));
  }
  return { cdOffset, cdSize, entries };
}

function findZip64Extra(extra: Buffer): Buffer | undefined {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) return extra.subarray(at + 4, at + 4 + length);
    at += 4 + length;
  }
  return undefined;
}

/** Reads of [pos, pos+length) served from a window of the file that moves forward in large reads. */
function createWindowReader(handle: RandomAccessSource, fileSize: number, windowSize: number) {
  let buffer: Buffer = Buffer.alloc(0);
  let start = 0;
  return {
    async read(pos: number, length: number): Promise<Buffer> {
      if (pos + length > fileSize) throw new ZipFormatError('unexpected end of file');
      if (pos >= start && pos + length <= start + buffer.length) return buffer.subarray(pos - start, pos - start + length);
      const want = Math.min(Math.max(windowSize, length), fileSize - pos);
      const next = await handle.read(pos, want);
      if (next.length < length) throw new ZipFormatError('unexpected end of file');
      buffer = next;
      start = pos;
      return buffer.subarray(0, length);
    },
  };
}
