import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { StorageLimitError, StorageNotFoundError, type StatResult, type StorageDriver, type WriteOptions, type WriteResult } from '../driver';
import { sourceChunks } from '../source';
import { encodeHeader, HEADER, newObjectKey, type ObjectKey, openHeader, openRecord, parseHeader, plainSize, RECORD, SEALED, sealedOffset, sealRecord } from './format';
import { EncryptionKeyError, type Keyring, wrapKey } from './keyring';
import { collect, once, readAll } from '../streams';

/** Where each master key's check object lives; listed nowhere else. */
export const ENCRYPTION_KEYS_DIR = 'encryption/keys/';
const KEYS_DIR = ENCRYPTION_KEYS_DIR;
const CANARY = Buffer.from('berth encryption key check');

/**
 * Encrypts everything stored through another driver (see format.ts). Callers see plaintext: sizes, ranges and the
 * bytes onWritten reports are the plaintext's, so digests are computed over what clients sent.
 */
export class EncryptedDriver implements StorageDriver {
  readonly name: string;

  constructor(readonly inner: StorageDriver, private readonly ring: Keyring) {
    this.name = `${inner.name}+aes-256-gcm`;
  }

  async stat(key: string): Promise<StatResult | null> {
    const st = await this.inner.stat(key);
    return st && { size: plainSize(st.size), modifiedAt: st.modifiedAt };
  }

  async read(key: string, range: { start?: number; end?: number } = {}): Promise<Readable> {
    const st = await this.inner.stat(key);
    if (!st) throw new StorageNotFoundError(key);
    const size = plainSize(st.size);
    const start = range.start ?? 0;
    const end = Math.min(range.end ?? size - 1, size - 1);
    const ok = await this.objectKey(key);
    if (start > end) return Readable.from([]);
    const first = Math.floor(start / RECORD);
    const last = Math.floor(end / RECORD);
    const sealed = await this.inner.read(key, { start: sealedOffset(first), end: Math.min(st.size, sealedOffset(last + 1)) - 1 });
    return Readable.from(decrypt(sealed, ok.dataKey, first, start - first * RECORD, end - start + 1));
  }

  async write(key: string, source: AsyncIterable<Uint8Array>, opts: WriteOptions = {}): Promise<WriteResult> {
    const offset = opts.offset ?? 0;
    if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`invalid write offset ${offset}`);
    let ok: ObjectKey;
    let prefix: Buffer = Buffer.alloc(0);
    const index = Math.floor(offset / RECORD);
    if (offset === 0) {
      ok = newObjectKey(this.ring);
    } else {
      const st = await this.inner.stat(key);
      const size = st ? plainSize(st.size) : 0;
      if (offset > size) throw new RangeError(`write offset ${offset} is past the stored length ${size}`);
      ok = await this.objectKey(key);
      // A record cut by the offset is rewritten: its first bytes, then the new ones.
      if (offset % RECORD !== 0) prefix = await this.readRecord(key, ok, index, offset % RECORD, st!.size);
    }
    const state: SealState = { reported: 0 };
    const chunks = seal(source, opts, state, { dataKey: ok.dataKey, index, prefix, header: offset === 0 ? ok.header : undefined });
    await this.inner.write(key, chunks, { offset: offset === 0 ? 0 : sealedOffset(index) });
    if (state.limited) throw new StorageLimitError(opts.maxBytes!);
    return state.error ? { written: state.reported, error: state.error } : { written: state.reported };
  }

  move(from: string, to: string): Promise<void> {
    return this.inner.move(from, to);
  }

  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }

  async *list(prefix: string): AsyncGenerator<string> {
    for await (const key of this.inner.list(prefix)) if (!key.startsWith(KEYS_DIR)) yield key;
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  /**
   * Fails clearly when a listed key is not the one the storage was encrypted with, when the storage needs a key that
   * is not listed, or when it already holds unencrypted blobs; records a check object for each new key.
   */
  async verifyKeys(): Promise<void> {
    const stored = await collect(this.inner.list(KEYS_DIR));
    for (const key of stored) {
      const id = key.slice(KEYS_DIR.length);
      if (!this.ring.keys.has(id)) {
        throw new EncryptionKeyError(`storage holds data encrypted with key "${id}", which BERTH_ENCRYPTION_KEY does not list (keep old keys until \`npm run storage:rewrap\` has run)`);
      }
      const text = await readAll(await this.read(key));
      if (!text.equals(CANARY)) throw new EncryptionKeyError(`encryption key "${id}" does not decrypt its check object`);
    }
    if (stored.length === 0 && (await first(this.inner.list('blobs/')))) {
      throw new EncryptionKeyError('storage already holds unencrypted blobs: encryption can only be turned on for empty storage');
    }
    for (const id of this.ring.keys.keys()) {
      if (stored.includes(`${KEYS_DIR}${id}`)) continue;
      const ring: Keyring = { current: id, keys: this.ring.keys };
      await new EncryptedDriver(this.inner, ring).write(`${KEYS_DIR}${id}`, once(CANARY));
    }
  }

  /**
   * Re-wraps every stored object's data key with the newest master key (the bytes themselves are not re-encrypted:
   * each object keeps its own data key), then forgets the older keys' check objects so they may be removed.
   * Uploads in progress are left alone: they are short-lived and still readable while the old key is listed.
   */
  async rewrap(): Promise<{ rewrapped: number; current: number }> {
    let rewrapped = 0;
    let current = 0;
    for (const key of await collect(this.inner.list(''))) {
      if (key.startsWith('uploads/') || key.startsWith(KEYS_DIR)) continue;
      const header = await readAll(await this.inner.read(key, { start: 0, end: HEADER - 1 }));
      if (parseHeader(header).keyId === this.ring.current) {
        current++;
        continue;
      }
      const ok = openHeader(this.ring, header);
      const fresh = encodeHeader(this.ring.current, wrapKey(this.ring.keys.get(this.ring.current)!, ok.dataKey, this.ring.current));
      const tmp = `rewrap/${randomUUID()}`;
      const body = await this.inner.read(key, { start: HEADER });
      await this.inner.write(tmp, concat(fresh, body));
      await this.inner.move(tmp, key);
      rewrapped++;
    }
    for (const key of await collect(this.inner.list(KEYS_DIR))) if (key !== `${KEYS_DIR}${this.ring.current}`) await this.inner.delete(key);
    return { rewrapped, current };
  }

  private async objectKey(key: string): Promise<ObjectKey> {
    return openHeader(this.ring, await readAll(await this.inner.read(key, { start: 0, end: HEADER - 1 })));
  }

  private async readRecord(key: string, ok: ObjectKey, index: number, length: number, stored: number): Promise<Buffer> {
    const sealed = await readAll(await this.inner.read(key, { start: sealedOffset(index), end: Math.min(stored, sealedOffset(index + 1)) - 1 }));
    return openRecord(ok.dataKey, index, sealed).subarray(0, length);
  }
}

interface SealState {
  reported: number;
  error?: Error;
  limited?: boolean;
}

/** Plaintext in, header (for a new object) and sealed records out; see StorageDriver.write for onWritten and limits. */
async function* seal(
  source: AsyncIterable<Uint8Array>,
  { signal, onWritten, maxBytes = Infinity }: WriteOptions,
  state: SealState,
  at: { dataKey: Buffer; index: number; prefix: Buffer; header?: Buffer },
): AsyncGenerator<Uint8Array> {
  if (at.header) yield at.header;
  let index = at.index;
  let record: Buffer[] = at.prefix.length ? [at.prefix] : [];
  let filled = at.prefix.length;
  let pending: Uint8Array[] = [];
  let taken = 0;
  // Reported only once the sealed record holding them was taken by the driver underneath.
  const report = () => {
    for (const piece of pending) {
      state.reported += piece.length;
      onWritten?.(piece);
    }
    pending = [];
  };
  for await (const chunk of sourceChunks(source, signal, state)) {
    if (taken + chunk.length > maxBytes) {
      state.limited = true;
      throw new StorageLimitError(maxBytes);
    }
    taken += chunk.length;
    for (let at0 = 0; at0 < chunk.length; ) {
      const piece = chunk.subarray(at0, at0 + RECORD - filled);
      at0 += piece.length;
      record.push(Buffer.from(piece));
      pending.push(piece);
      filled += piece.length;
      if (filled === RECORD) {
        yield sealRecord(at.dataKey, index++, Buffer.concat(record, filled));
        record = [];
        filled = 0;
        report();
      }
    }
  }
  if (filled > 0) yield sealRecord(at.dataKey, index, Buffer.concat(record, filled));
  report();
}

/** Sealed records from `first` on in, plaintext `length` bytes from `skip` out. */
async function* decrypt(sealed: AsyncIterable<unknown>, dataKey: Buffer, first: number, skip: number, length: number): AsyncGenerator<Buffer> {
  let index = first;
  let buffered: Buffer[] = [];
  let size = 0;
  let remaining = length;
  const emit = (plain: Buffer) => {
    const out = plain.subarray(skip, skip + remaining);
    skip = Math.max(0, skip - plain.length);
    remaining -= out.length;
    return out;
  };
  for await (const part of sealed) {
    buffered.push(part as Buffer);
    size += (part as Buffer).length;
    while (size >= SEALED && remaining > 0) {
      const all = Buffer.concat(buffered, size);
      const out = emit(openRecord(dataKey, index++, all.subarray(0, SEALED)));
      buffered = [all.subarray(SEALED)];
      size -= SEALED;
      if (out.length) yield out;
    }
  }
  if (size > 0 && remaining > 0) {
    const out = emit(openRecord(dataKey, index, Buffer.concat(buffered, size)));
    if (out.length) yield out;
  }
}

async function* concat(head: Buffer, rest: AsyncIterable<unknown>): AsyncGenerator<Uint8Array> {
  yield head;
  for await (const part of rest) yield part as Uint8Array;
}

async function first(keys: AsyncIterable<string>): Promise<string | undefined> {
  for await (const key of keys) return key;
  return undefined;
}
