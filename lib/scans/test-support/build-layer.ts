import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import type { ScanLayer } from '../scan-image';

export interface TestEntry {
  name: string;
  content?: string | Buffer;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
  mode?: number;
}

/** Builds an uncompressed tar in memory; tests only use small layers this way. */
export async function buildTar(entries: readonly TestEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const header = { name: entry.name, type, linkname: entry.linkname, mode: entry.mode ?? (type === 'directory' ? 0o755 : 0o644) };
    if (type === 'file') pack.entry(header, entry.content ?? '');
    else pack.entry(header);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export async function buildLayer(entries: readonly TestEntry[], compression: 'gzip' | 'none' = 'gzip'): Promise<Buffer> {
  const tarball = await buildTar(entries);
  return compression === 'gzip' ? gzipSync(tarball) : tarball;
}

const MEDIA_TYPES = {
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  none: 'application/vnd.oci.image.layer.v1.tar',
};

/** A layer whose blob comes from memory, streamed in small chunks like a storage read. */
export function layerFromBuffer(blob: Buffer, compression: keyof typeof MEDIA_TYPES = 'gzip', chunkSize = 4096): ScanLayer {
  return {
    digest: `sha256:test-${Math.random().toString(16).slice(2)}`,
    mediaType: MEDIA_TYPES[compression],
    open: async () => Readable.from(chunked(blob, chunkSize)),
  };
}

function* chunked(blob: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < blob.length; i += size) yield blob.subarray(i, i + size);
}
