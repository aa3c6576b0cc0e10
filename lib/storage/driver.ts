import type { Readable } from 'node:stream';

/** Thrown by drivers when a key does not exist. Callers check `instanceof`, never the message. */
export class StorageNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`not found: ${key}`);
    this.name = 'StorageNotFoundError';
  }
}

export interface StatResult {
  size: number;
  modifiedAt: Date;
}

export interface WriteOptions {
  /**
   * Position to write at. Anything stored at or beyond it is discarded first, so a writer that resumes after a
   * crash or a dropped connection continues from the length the caller committed, not from stray bytes. Default 0.
   */
  offset?: number;
  signal?: AbortSignal;
  /** Called once per chunk, in order, after that chunk has been handed to storage. */
  onWritten?: (chunk: Uint8Array) => void;
  /** Stop and fail with StorageLimitError once more than this many bytes arrive. */
  maxBytes?: number;
}

export interface WriteResult {
  /** Bytes written by this call (not counting what was before `offset`). */
  written: number;
  /**
   * Set when the source failed or the signal aborted part-way: `written` bytes were still stored, in full, and
   * reported through onWritten. The caller decides whether to keep them.
   */
  error?: Error;
}

export class StorageLimitError extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} bytes`);
    this.name = 'StorageLimitError';
  }
}

export const STORAGE_FULL_MESSAGE = "the registry's storage is full: nothing of this request was kept; try again once space is freed";

/** Whether `err` (or an error it wraps) says the storage has no room left: a full disk or an exhausted quota. */
export function isStorageFullError(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') return true;
  }
  return false;
}

/**
 * Where blob bytes live. Keys are slash-separated relative paths ("blobs/sha256/ab/abcd…", "uploads/<id>").
 * Every implementation must pass the contract suite in test/support/storage-contract.ts.
 */
export interface StorageDriver {
  readonly name: string;
  /** Size and time of a stored object, or null when absent. */
  stat(key: string): Promise<StatResult | null>;
  /** A stream of the object's bytes from `start` to `end` inclusive (both optional). Throws StorageNotFoundError. */
  read(key: string, range?: { start?: number; end?: number }): Promise<Readable>;
  /**
   * Streams `source` into `key` at `opts.offset`, durably (flushed to stable storage) before resolving. A failing
   * source does not reject: the bytes that arrived are kept and the failure is returned in `error`.
   * Rejects only when storage itself fails (disk full, permissions) or on StorageLimitError.
   */
  write(key: string, source: AsyncIterable<Uint8Array>, opts?: WriteOptions): Promise<WriteResult>;
  /** Atomically makes `from`'s bytes visible at `to` (replacing any object there) and removes `from`. */
  move(from: string, to: string): Promise<void>;
  /** Removes an object; absent objects are not an error. */
  delete(key: string): Promise<void>;
  /** Keys under a prefix ("uploads/"), in no particular order. */
  list(prefix: string): AsyncIterable<string>;
  /** A URL clients may fetch the object from directly, when the backend offers one (S3 presigned URLs). */
  redirectUrl?(key: string, opts: { expiresInSeconds: number }): Promise<string | null>;
  /** Resolves when storage is reachable and writable; used by /healthz. */
  ping(): Promise<void>;
}
