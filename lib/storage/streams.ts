// Small conversions between bytes, streams and key listings, for drivers that layer on others and for their tests.

/** A write source of one chunk, for bytes already in memory. */
export async function* once(data: Uint8Array): AsyncGenerator<Uint8Array> {
  yield data;
}

/** A stream's bytes as one buffer: only for what is known to be small (key checks, test objects). */
export async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** Every key a listing yields, in its order. */
export async function collect(keys: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const key of keys) all.push(key);
  return all;
}
