import { RegistryError } from '@/lib/errors/registry-error';
import { StorageLimitError } from '@/lib/storage/driver';
import { uploadKey } from '@/lib/storage/keys';
import type { AppContext } from '@/lib/services/context';
import { hasherForAppend } from './upload-hasher';
import type { ClaimedUpload } from './upload-lease';

export interface ChunkInput {
  body: AsyncIterable<Uint8Array>;
  /** From Content-Range: where the client says this chunk starts and ends (inclusive). */
  range?: { start: number; end: number };
  /** From Content-Length, when the client sent one. */
  length?: number;
}

/**
 * Appends a chunk to a claimed upload and releases it; returns the new committed size and the digest of all
 * committed bytes. The bytes actually stored are committed even when the client goes away mid-chunk, so the upload
 * resumes from them; the hash covers exactly those bytes. Every path out releases the lease.
 */
export async function writeChunk(app: AppContext, upload: ClaimedUpload, chunk: ChunkInput): Promise<{ size: number; sha256: string }> {
  const expected = chunk.range ? chunk.range.end - chunk.range.start + 1 : chunk.length;
  let hasher;
  let result;
  try {
    checkRange(upload.size, chunk, expected);
    hasher = await hasherForAppend(app, upload.id, upload);
    const h = hasher;
    result = await app.storage.write(uploadKey(upload.id), chunk.body, {
      offset: upload.size,
      maxBytes: expected,
      onWritten: (bytes) => h.update(bytes),
    });
  } catch (err) {
    // Nothing of this chunk is committed: the next write truncates storage back to the committed size.
    await upload.release();
    if (err instanceof StorageLimitError) throw new RegistryError('SIZE_INVALID', 'body is longer than announced');
    throw err;
  }
  const size = upload.size + result.written;
  await upload.release({ size, ...hasher.snapshot() });
  if (result.error) throw new ClientGoneError(result.error);
  if (expected !== undefined && result.written !== expected) {
    throw new RegistryError('SIZE_INVALID', `expected ${expected} bytes, received ${result.written}`);
  }
  return { size, sha256: hasher.digest() };
}

function checkRange(size: number, chunk: ChunkInput, expected: number | undefined): void {
  if (!chunk.range) return;
  // OCI: a chunk that does not start where the upload ends is refused with 416 and the current range.
  if (chunk.range.start !== size || chunk.range.end < chunk.range.start) {
    throw new RegistryError('RANGE_INVALID', `chunk must start at offset ${size}`).withHeaders(rangeHeaders(size));
  }
  if (chunk.length !== undefined && chunk.length !== expected) {
    throw new RegistryError('SIZE_INVALID', 'Content-Length does not match Content-Range');
  }
}

/** The client stopped sending part-way; what arrived is committed, and there is nobody left to answer. */
export class ClientGoneError extends Error {
  constructor(readonly cause: Error) {
    super('client disconnected during upload');
    this.name = 'ClientGoneError';
  }
}

export function rangeHeaders(size: number): Record<string, string> {
  return { Range: `0-${Math.max(0, size - 1)}` };
}
