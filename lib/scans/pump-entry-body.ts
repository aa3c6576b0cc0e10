import type { Readable } from 'node:stream';
import type { FileSink } from './file-analyzer';

/**
 * Feeds one file body to every interested sink in a single pass and stops reading as soon as all
 * of them are satisfied; the layer reader drains whatever is left.
 */
export async function pumpEntryBody(body: Readable, sinks: ReadonlyArray<FileSink<unknown>>): Promise<number> {
  let active = sinks.slice();
  let bytes = 0;
  if (active.length === 0) return 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    active = active.filter((sink) => sink.write(chunk));
    if (active.length === 0) break;
  }
  return bytes;
}
