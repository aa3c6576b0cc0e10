import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar, { type Extract, type Header } from 'tar-stream';
import { openDecompressedStream } from './open-decompressed-stream';
import { ScanError } from './scan-error';

export type LayerEntryType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface LayerEntry {
  /** Normalized, relative to the image root, without a leading slash (`etc/os-release`). */
  path: string;
  type: LayerEntryType;
  size: number;
  mode: number;
  /** Target of a symlink (as written) or of a hardlink (normalized like `path`). */
  linkname?: string;
  /** Reading is optional: whatever the consumer leaves unread is drained before the next entry. */
  body: Readable;
}

// Media types that are certainly not filesystem layers (configs, attestations, signatures).
const NON_LAYER_MEDIA_TYPE = /(\+json|\/json|\.config\.|in-toto|cosign|\.sig$)/i;

/**
 * Reads a layer blob as a stream of tar entries. Never buffers a whole layer: each entry body is
 * a stream with backpressure, and the next entry is parsed only after the previous body is done.
 */
export async function* readLayer(source: Readable, mediaType: string): AsyncGenerator<LayerEntry> {
  if (NON_LAYER_MEDIA_TYPE.test(mediaType)) {
    source.destroy();
    throw new ScanError('UNSUPPORTED_LAYER', `media type ${mediaType} is not a filesystem layer`);
  }
  const { stream, compression } = await openDecompressedStream(source);
  const extract = tar.extract();
  const piping = pipeline(stream, completeFinalBlock(), extract);
  piping.catch(() => undefined); // surfaced through the entry iterator below
  let finished = false;
  try {
    for await (const entry of extract) {
      const body = wrapEntryBody(entry, (cause) => describeLayerError(cause, compression));
      const path = normalizePath(entry.header.name);
      if (path !== undefined) {
        yield {
          path,
          type: entryType(entry.header.type),
          size: entry.header.size ?? 0,
          mode: entry.header.mode ?? 0,
          linkname: linkTarget(entry.header),
          body: body.readable,
        };
      }
      await body.drain();
    }
    await piping;
    finished = true;
  } catch (err) {
    throw describeLayerError(err, compression);
  } finally {
    if (!finished) {
      stream.destroy();
      source.destroy();
    }
  }
}

/**
 * Go's archive/tar (Docker, containerd, umoci) ends an archive where the stream ends, even without the last file's
 * block padding or the two zero blocks that close a tar: umoci 0.4 writes its layers so. tar-stream wants whole
 * blocks, so the final block is completed with zeros; a file cut short by more than that block still fails.
 */
function completeFinalBlock(): Transform {
  let length = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      length += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      const rest = length % 512;
      callback(null, rest ? Buffer.alloc(512 - rest) : undefined);
    },
  });
}

function describeLayerError(err: unknown, compression: string): ScanError {
  if (err instanceof ScanError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  if (code.startsWith('Z_')) {
    return new ScanError('CORRUPT_LAYER', `gzip stream is corrupt or truncated: ${message}`, { cause: err });
  }
  const hint = compression === 'none' ? ' (the blob is neither gzip nor zstd, and not a valid tar)' : '';
  return new ScanError('CORRUPT_LAYER', `tar archive is corrupt or truncated: ${message}${hint}`, { cause: err });
}

function entryType(type: Header['type'] | undefined): LayerEntryType {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

function linkTarget(header: Header): string | undefined {
  if (!header.linkname) return undefined;
  return header.type === 'link' ? normalizePath(header.linkname) : header.linkname;
}

/** Resolves `.` and `..`; returns undefined for the root itself and for paths escaping it. */
export function normalizePath(name: string): string | undefined {
  const parts: string[] = [];
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
      continue;
    }
    parts.push(segment);
  }
  return parts.length > 0 ? parts.join('/') : undefined;
}

type TarEntry = Extract extends AsyncIterable<infer S> ? S : never;

interface WrappedBody {
  readable: Readable;
  drain(): Promise<void>;
}

/**
 * tar-stream entries are streamx streams: destroying one destroys the whole extraction, and an
 * unread one stalls it. Consumers get a Node Readable whose destruction only detaches it, and the
 * reader drains the rest itself.
 */
function wrapEntryBody(entry: TarEntry, describe: (cause: unknown) => ScanError): WrappedBody {
  let ended = false;
  let detached = false;
  let cause: unknown;
  entry.on('error', (err) => {
    cause = err;
  });
  const done = new Promise<void>((resolve) => {
    entry.once('end', () => {
      ended = true;
      resolve();
    });
    entry.once('close', () => resolve());
  });
  const readable = new Readable({
    read() {
      entry.resume();
    },
    destroy(err, callback) {
      detached = true;
      entry.resume();
      callback(err);
    },
  });
  entry.on('data', (chunk) => {
    if (detached) return;
    if (!readable.push(chunk as Buffer)) entry.pause();
  });
  entry.once('end', () => {
    if (!detached) readable.push(null);
  });
  entry.once('close', () => {
    if (!ended && !detached) readable.destroy(describe(cause ?? new Error(`entry ${entry.header.name} ended early`)));
  });
  entry.pause();
  return {
    readable,
    async drain() {
      detached = true;
      entry.resume();
      await done;
    },
  };
}
