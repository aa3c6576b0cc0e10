import { RegistryError } from '@/lib/errors/registry-error';
import { StorageLimitError } from '@/lib/storage/driver';
import { uploadKey } from '@/lib/storage/keys';
import type { AppContext } from '@/lib/services/context';
import type { ClaimedUpload } from './upload-lease';

export interface ChunkInput {
  body: AsyncIterable<Uint8Array>;
  /** From Content-Range: where the client says this chunk starts and ends (inclusive). */
  range?: { start: number; end: number };
  /** From Content-Length, when the client sent one. */
  length?: number;
}

/**
 * Appends a chunk to a claimed upload and returns the new committed size. The bytes actually stored are committed
 * even when the client goes away mid-chunk, so the upload resumes from them; the hash covers exactly those bytes.
 */
export async function writeChunk(app: AppContext, upload: ClaimedUpload, chunk: ChunkInput): Promise<number> {
  const expected = chunk.range ? chunk.range.end - chunk.range.start + 1 : chunk.length;
  if (chunk.range) {
    // OCI: a chunk that does not start where the upload ends is refused with 416 and the current range.
    if (chunk.range.start !== upload.size || chunk.range.end < chunk.range.start) {
      throw new RegistryError('RANGE_INVALID', `chunk must start at offset ${upload.size}`).withHeaders(rangeHeaders(upload.size));
    }
    if (chunk.length !== undefined && chunk.length !== expected) {
      throw new RegistryError('SIZE_INVALID', 'Content-Length does not match Content-Range');
    }
  }
  const result = await app.storage
    .write(uploadKey(upload.id), chunk.body, {
      offset: upload.size,
      maxBytes: expected,
      onWritten: (bytes) => upload.hasher.update(bytes),
    })
    .catch(async (err: unknown) => {
      if (err instanceof StorageLimitError) {
        // More bytes than announced: nothing of this chunk is kept (the next write truncates back to size).
        await upload.release();
        throw new RegistryError('SIZE_INVALID', 'body is longer than announced');
      }
      await upload.release();
      throw err;
    });
  const size = upload.size + result.written;
  await upload.release({ size });
  if (result.error) throw new ClientGoneError(result.error);
  if (expected !== undefined && result.written !== expected) {
    throw new RegistryError('SIZE_INVALID', `expected ${expected} bytes, received ${result.written}`);
  }
  return size;
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
