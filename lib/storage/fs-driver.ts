import { randomBytes } from 'node:crypto';
import { constants, type Dir } from 'node:fs';
import { mkdir, open, opendir, readFile, rename, rm, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  StorageLimitError,
  StorageNotFoundError,
  type StatResult,
  type StorageDriver,
  type WriteOptions,
  type WriteResult,
} from './driver';
import { checkPrefix, keySegments } from './key-rules';
import { sourceChunks } from './source';

const READ_CHUNK_BYTES = 1024 * 1024;

/** Small chunks are copied into one buffer of this size, so a source of many tiny chunks costs few syscalls. */
const BATCH_BYTES = 256 * 1024;
/** Chunks at least this large are written as they come: copying them would cost more than the syscall saved. */
const DIRECT_BYTES = 64 * 1024;
/**
 * While a large write streams in, its pages are flushed every this many bytes in the background, so the disk works
 * while the network does and the sync that ends the write (which still decides durability) has only the tail left.
 */
const EARLY_FLUSH_BYTES = 4 * 1024 * 1024;
/** ping() probes here; list() of the whole root hides it, since it holds no objects. */
const HEALTH_DIR = '.health';

/** Stores each key as a file at the same relative path under `rootDir`. */
export class FilesystemDriver implements StorageDriver {
  readonly name = 'filesystem';
  private readonly root: string;

  constructor(rootDir: string) {
    if (rootDir === '') throw new Error('rootDir is required');
    this.root = path.resolve(rootDir);
  }

  async stat(key: string): Promise<StatResult | null> {
    const file = this.pathOf(key);
    try {
      const st = await stat(file);
      return st.isFile() ? { size: st.size, modifiedAt: st.mtime } : null;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async read(key: string, range: { start?: number; end?: number } = {}): Promise<Readable> {
    const file = this.pathOf(key);
    // Opened here rather than by the stream, so a missing key rejects this call instead of erroring the stream
    // after the caller has already answered 200.
    let fh: FileHandle;
    try {
      fh = await open(file, 'r');
    } catch (err) {
      if (isMissing(err)) throw new StorageNotFoundError(key);
      throw err;
    }
    try {
      if (!(await fh.stat()).isFile()) throw new StorageNotFoundError(key);
      // Reads of 1 MiB rather than the default 64 KiB: an eighth of the system calls on a layer download, and still
      // a bounded buffer per stream.
      return fh.createReadStream({ start: range.start, end: range.end, highWaterMark: READ_CHUNK_BYTES });
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  async write(key: string, source: AsyncIterable<Uint8Array>, opts: WriteOptions = {}): Promise<WriteResult> {
    const file = this.pathOf(key);
    const offset = opts.offset ?? 0;
    if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`invalid write offset ${offset}`);
    await ensureDir(path.dirname(file));
    const { fh, created } = await openForWrite(file);
    try {
      const { size } = await fh.stat();
      // Past the end, the gap would read back as zeros no client ever sent; the caller's offset is wrong.
      if (offset > size) throw new RangeError(`write offset ${offset} is past the stored length ${size}`);
      await fh.truncate(offset);
      const flusher = new EarlyFlush(fh);
      let result: WriteResult;
      try {
        result = await copyInto(fh, offset, source, opts, (n) => flusher.wrote(n));
      } catch (err) {
        await flusher.settle().catch(() => undefined); // no flush may outlive the handle
        throw err;
      }
      await flusher.settle();
      await fh.sync();
      // A new file's directory entry is only durable once the directory itself is flushed.
      if (created) await syncDir(path.dirname(file));
      return result;
    } finally {
      await fh.close();
    }
  }

  async move(from: string, to: string): Promise<void> {
    const src = this.pathOf(from);
    const dst = this.pathOf(to);
    // Checked first so a missing source creates no directories, and a directory is never moved as if an object.
    if ((await this.stat(from)) === null) throw new StorageNotFoundError(from);
    await ensureDir(path.dirname(dst));
    try {
      // POSIX rename replaces `dst` atomically: readers see the old object or the new one, never a mix.
      await rename(src, dst);
    } catch (err) {
      if (isMissing(err)) throw new StorageNotFoundError(from);
      throw err;
    }
    await syncDir(path.dirname(dst));
  }

  async delete(key: string): Promise<void> {
    // Empty parent directories are left alone: removing them races with a concurrent write or move creating a
    // file in them, and the layout (flat uploads/, 256 fan-out dirs per digest algorithm) keeps their number small.
    try {
      await unlink(this.pathOf(key));
    } catch (err) {
      if (!isMissing(err)) throw err;
    }
  }

  async *list(prefix: string): AsyncGenerator<string> {
    checkPrefix(prefix);
    const cut = prefix.lastIndexOf('/');
    const dirKey = prefix.slice(0, Math.max(cut, 0));
    const dir = dirKey === '' ? this.root : this.pathOf(dirKey);
    yield* walk(dir, dirKey === '' ? '' : `${dirKey}/`, prefix.slice(cut + 1), dirKey === '');
  }

  async ping(): Promise<void> {
    const dir = path.join(this.root, HEALTH_DIR);
    await mkdir(dir, { recursive: true });
    // A random name, so concurrent health checks don't read each other's probe.
    const probe = path.join(dir, randomBytes(8).toString('hex'));
    const expected = randomBytes(16);
    try {
      await writeFile(probe, expected);
      const actual = await readFile(probe);
      if (!actual.equals(expected)) throw new Error('storage probe read back different bytes');
    } finally {
      await rm(probe, { force: true });
    }
  }

  private pathOf(key: string): string {
    return path.join(this.root, ...keySegments(key));
  }
}

/** Pulls `source` and writes it at `position`, batching small chunks; see StorageDriver.write for the contract. */
async function copyInto(
  fh: FileHandle,
  position: number,
  source: AsyncIterable<Uint8Array>,
  { signal, onWritten, maxBytes = Infinity }: WriteOptions,
  onStored?: (bytes: number) => void,
): Promise<WriteResult> {
  let written = 0;
  let batch: Buffer | null = null;
  let batched = 0;
  const store = async (bytes: Uint8Array) => {
    await writeFully(fh, bytes, position + written);
    written += bytes.length;
    onWritten?.(bytes);
    onStored?.(bytes.length);
  };
  const flush = async () => {
    if (batch === null || batched === 0) return;
    // A fresh batch buffer each time, so what onWritten was handed is never overwritten afterwards.
    const bytes = batch.subarray(0, batched);
    batch = null;
    batched = 0;
    await store(bytes);
  };

  // Only the source (or the signal) can end this loop early; disk failures and the limit below reject the write.
  const state: { error?: Error } = {};
  for await (const chunk of sourceChunks(source, signal, state)) {
    if (written + batched + chunk.length > maxBytes) {
      await flush();
      throw new StorageLimitError(maxBytes);
    }
    if (batched + chunk.length > BATCH_BYTES || chunk.length >= DIRECT_BYTES) await flush();
    if (chunk.length >= DIRECT_BYTES) {
      await store(chunk);
    } else {
      batch ??= Buffer.allocUnsafe(BATCH_BYTES);
      batch.set(chunk, batched);
      batched += chunk.length;
    }
  }
  await flush();
  return state.error === undefined ? { written } : { written, error: state.error };
}

/**
 * Background fdatasync every EARLY_FLUSH_BYTES, one at a time. It only moves work earlier: the write still ends
 * with a full fsync, and a failed background flush fails the write (settle() rethrows it).
 */
class EarlyFlush {
  private pending = 0;
  private running: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(private readonly fh: FileHandle) {}

  wrote(bytes: number): void {
    this.pending += bytes;
    if (this.pending < EARLY_FLUSH_BYTES || this.running) return;
    this.pending = 0;
    this.running = this.fh.datasync().then(
      () => {
        this.running = null;
      },
      (err: unknown) => {
        this.failure ??= err;
        this.running = null;
      },
    );
  }

  async settle(): Promise<void> {
    await this.running;
    if (this.failure) throw this.failure;
  }
}

async function writeFully(fh: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await fh.write(bytes, done, bytes.length - done, position + done);
    if (bytesWritten === 0) throw new Error('storage accepted no bytes');
    done += bytesWritten;
  }
}

/** Opens `file` for writing without truncating it, reporting whether this call created it. */
async function openForWrite(file: string): Promise<{ fh: FileHandle; created: boolean }> {
  try {
    return { fh: await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL), created: true };
  } catch (err) {
    if (errorCode(err) !== 'EEXIST') throw err;
  }
  return { fh: await open(file, constants.O_WRONLY), created: false };
}

/** mkdir -p, then flushes every directory that gained an entry, so the new path survives a crash. */
async function ensureDir(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  const top = path.dirname(first);
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    await syncDir(d);
    if (d === top || d === path.dirname(d)) break;
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Yields the keys of files below `dir` whose first path segment starts with `namePrefix`. */
async function* walk(dir: string, keyPrefix: string, namePrefix: string, atRoot: boolean): AsyncGenerator<string> {
  let entries: Dir;
  try {
    entries = await opendir(dir);
  } catch (err) {
    if (isMissing(err)) return;
    throw err;
  }
  for await (const entry of entries) {
    if (!entry.name.startsWith(namePrefix) || (atRoot && entry.name === HEALTH_DIR)) continue;
    const key = keyPrefix + entry.name;
    if (entry.isDirectory()) yield* walk(path.join(dir, entry.name), `${key}/`, '', false);
    else if (entry.isFile()) yield key;
  }
}

function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err ? String(err.code) : undefined;
}

/** ENOTDIR: a key whose parent "directory" is an object, e.g. "a/b" when "a" is a file. */
function isMissing(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'ENOENT' || code === 'ENOTDIR';
}
