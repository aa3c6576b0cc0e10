import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { DomainError } from '@/lib/errors/domain-error';
import { StorageLimitError, type StorageDriver } from '@/lib/storage/driver';

/**
 * Streams a request body into blob storage at `key`, refusing (PAYLOAD_TOO_LARGE) once it passes `maxBytes`; never
 * holds more than a chunk in memory. The caller removes the object in every case.
 */
export async function receiveUpload(storage: StorageDriver, body: ReadableStream<Uint8Array>, key: string, maxBytes: number, signal?: AbortSignal): Promise<number> {
  let result;
  try {
    result = await storage.write(key, Readable.fromWeb(body as WebReadableStream<Uint8Array>), { maxBytes, signal });
  } catch (err) {
    if (err instanceof StorageLimitError) throw tooLarge(maxBytes);
    throw err;
  }
  // The client went away or the body broke off: what arrived is not a file to import.
  if (result.error) throw result.error;
  return result.written;
}

export function tooLarge(maxBytes: number): DomainError {
  return new DomainError('too-large', `the file is larger than ${maxBytes} bytes (BERTH_VULNDB_UPLOAD_MAX_BYTES)`, { maxBytes });
}
