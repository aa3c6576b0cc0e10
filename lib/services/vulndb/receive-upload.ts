import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppError } from '@/lib/errors/app-error';

/**
 * Streams a request body to `file`, refusing (PAYLOAD_TOO_LARGE) once it passes `maxBytes`; never holds more
 * than a chunk in memory. The caller removes the file in every case.
 */
export async function receiveUpload(body: ReadableStream<Uint8Array>, file: string, maxBytes: number, signal?: AbortSignal): Promise<number> {
  let received = 0;
  const bound = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > maxBytes) callback(tooLarge(maxBytes));
      else callback(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), bound, createWriteStream(file, { flags: 'wx' }), { signal });
  return received;
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `the file is larger than ${maxBytes} bytes (BERTH_VULNDB_UPLOAD_MAX_BYTES)`, { maxBytes });
}
