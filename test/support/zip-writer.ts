import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import zlib from 'node:zlib';

export interface ZipWriter {
  /** Adds a file entry (deflated unless `store`). */
  add(name: string, content: Buffer | string, opts?: { store?: boolean }): Promise<void>;
  /** Writes the central directory and closes the file. */
  close(): Promise<void>;
}

interface CentralEntry {
  name: Buffer;
  crc: number;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/**
 * A minimal zip writer for tests and benchmarks, streaming to a file: deflated or stored entries, and the zip64
 * end records once there are more than 65,535 entries (as OSV's per-ecosystem exports need). Offsets and sizes of
 * single entries must stay below 4 GiB.
 */
export function createZipWriter(file: string): ZipWriter {
  const out: WriteStream = createWriteStream(file);
  const entries: CentralEntry[] = [];
  let offset = 0;
  const write = async (buf: Buffer) => {
    offset += buf.length;
    if (!out.write(buf)) await once(out, 'drain');
  };
  return {
    async add(name, content, opts = {}) {
      const data = typeof content === 'string' ? Buffer.from(content) : content;
      const body = opts.store ? data : zlib.deflateRawSync(data);
      const entry: CentralEntry = {
        name: Buffer.from(name),
        crc: zlib.crc32(data),
        method: opts.store ? 0 : 8,
        compressedSize: body.length,
        size: data.length,
        offset,
      };
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(20, 4); // version needed
      header.writeUInt16LE(0x0800, 6); // UTF-8 names
      header.writeUInt16LE(entry.method, 8);
      header.writeUInt32LE(0, 10); // time, date
      header.writeUInt32LE(entry.crc, 14);
      header.writeUInt32LE(entry.compressedSize, 18);
      header.writeUInt32LE(entry.size, 22);
      header.writeUInt16LE(entry.name.length, 26);
      header.writeUInt16LE(0, 28);
      await write(Buffer.concat([header, entry.name, body]));
      entries.push(entry);
    },
    async close() {
      const cdStart = offset;
      for (const e of entries) {
        const h = Buffer.alloc(46);
        h.writeUInt32LE(0x02014b50, 0);
        h.writeUInt16LE(45, 4); // made by
        h.writeUInt16LE(20, 6);
        h.writeUInt16LE(0x0800, 8);
        h.writeUInt16LE(e.method, 10);
        h.writeUInt32LE(0, 12);
        h.writeUInt32LE(e.crc, 16);
        h.writeUInt32LE(e.compressedSize, 20);
        h.writeUInt32LE(e.size, 24);
        h.writeUInt16LE(e.name.length, 28);
        h.writeUInt32LE(e.offset, 42);
        await write(Buffer.concat([h, e.name]));
      }
      const cdSize = offset - cdStart;
      const zip64 = entries.length > 0xffff;
      if (zip64) {
        const eocd64Offset = offset;
        const r = Buffer.alloc(56);
        r.writeUInt32LE(0x06064b50, 0);
        r.writeBigUInt64LE(44n, 4);
        r.writeUInt16LE(45, 12);
        r.writeUInt16LE(45, 14);
        r.writeBigUInt64LE(BigInt(entries.length), 24);
        r.writeBigUInt64LE(BigInt(entries.length), 32);
        r.writeBigUInt64LE(BigInt(cdSize), 40);
        r.writeBigUInt64LE(BigInt(cdStart), 48);
        const locator = Buffer.alloc(20);
        locator.writeUInt32LE(0x07064b50, 0);
        locator.writeBigUInt64LE(BigInt(eocd64Offset), 8);
        locator.writeUInt32LE(1, 16);
        await write(Buffer.concat([r, locator]));
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
      end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
      end.writeUInt32LE(cdSize, 12);
      end.writeUInt32LE(cdStart, 16);
      await write(end);
      out.end();
      await once(out, 'close');
    },
  };
}
