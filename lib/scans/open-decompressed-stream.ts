import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { decompressZstd } from './decompress-zstd';
import { ScanError } from './scan-error';

export type LayerCompression = 'gzip' | 'zstd' | 'none';

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/**
 * Returns the uncompressed tar stream of a layer. The compression is decided by the first bytes,
 * not the media type: registries in the wild label zstd as gzip and plain tar as compressed.
 */
export async function openDecompressedStream(
  source: Readable,
): Promise<{ stream: Readable; compression: LayerCompression }> {
  const iterator = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < ZSTD_MAGIC.length) {
    const next = await readNext(iterator);
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = Buffer.from(next.value);
    head.push(chunk);
    headLength += chunk.length;
  }
  const first = Buffer.concat(head, headLength);
  const raw = Readable.from(replay(first, ended ? undefined : iterator), { objectMode: false });
  const compression = sniff(first);
  if (compression === 'gzip') return { stream: raw.pipe(createGunzipWithErrors(raw)), compression };
  if (compression === 'zstd') return { stream: Readable.from(decompressZstd(raw), { objectMode: false }), compression };
  return { stream: raw, compression };
}

function sniff(first: Buffer): LayerCompression {
  if (startsWith(first, ZSTD_MAGIC)) return 'zstd';
  if (startsWith(first, GZIP_MAGIC)) return 'gzip';
  return 'none';
}

function startsWith(buf: Buffer, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((byte, i) => buf[i] === byte);
}

function createGunzipWithErrors(raw: Readable) {
  const gunzip = createGunzip();
  // pipe() does not forward source errors; without this a failing blob read would hang the scan.
  raw.on('error', (err) => gunzip.destroy(err));
  return gunzip;
}

async function* replay(first: Buffer, rest: AsyncIterator<Buffer> | undefined): AsyncGenerator<Buffer> {
  if (first.length > 0) yield first;
  if (!rest) return;
  for (;;) {
    const next = await readNext(rest);
    if (next.done) return;
    yield Buffer.from(next.value);
  }
}

async function readNext(iterator: AsyncIterator<Buffer>): Promise<IteratorResult<Buffer>> {
  try {
    return await iterator.next();
  } catch (err) {
    if (err instanceof ScanError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new ScanError('LAYER_UNREADABLE', `reading the layer blob failed: ${reason}`, { cause: err });
  }
}
