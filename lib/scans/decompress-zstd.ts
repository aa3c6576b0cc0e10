import { Decompress } from 'fzstd';
import { ScanError } from './scan-error';

const MAX_SLICE = 64 * 1024;
const MIN_SLICE = 32;
// Start small: the very first slice may already be a run of zeros worth hundreds of megabytes.
const FIRST_SLICE = 256;
// fzstd emits whole blocks synchronously inside push(); a few compressed bytes can describe many
// megabytes (runs of zeros), so input is fed in slices sized to keep each push's output near this.
const TARGET_OUTPUT_PER_PUSH = 2 * 1024 * 1024;

/**
 * Streams zstd decompression with bounded memory. Node 20 has no zstd in zlib, and fzstd only
 * offers a push API without backpressure, so this pull-based generator adapts the slice size.
 */
export async function* decompressZstd(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let produced = 0;
  const decoder = new Decompress((data) => {
    if (data.length === 0) return;
    produced += data.length;
    // fzstd reuses no output buffers, so wrapping without a copy is safe.
    pending.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
  let slice = FIRST_SLICE;
  const push = (input: Uint8Array, final: boolean) => {
    produced = 0;
    try {
      decoder.push(input, final);
    } catch (err) {
      throw new ScanError('CORRUPT_LAYER', `zstd stream is corrupt or truncated: ${describe(err)}`, { cause: err });
    }
    if (produced > TARGET_OUTPUT_PER_PUSH) slice = Math.max(MIN_SLICE, slice >> 2);
    else if (produced < TARGET_OUTPUT_PER_PUSH / 8) slice = Math.min(MAX_SLICE, slice << 1);
  };
  for await (const chunk of source) {
    for (let offset = 0; offset < chunk.length; ) {
      const end = Math.min(chunk.length, offset + slice);
      push(chunk.subarray(offset, end), false);
      offset = end;
      const out = pending;
      pending = [];
      for (const block of out) yield block;
    }
  }
  push(new Uint8Array(0), true);
  for (const block of pending) yield block;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
