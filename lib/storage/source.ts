import { StorageLimitError, type WriteOptions } from './driver';

/**
 * The next chunk, or a rejection as soon as the signal aborts (a client that stalls mid-body can still be cut off).
 * The abort listener lives for one chunk only: racing every chunk against one long-lived promise would keep a
 * reaction, and with it the chunk, alive per iteration until the write ends, so memory would grow with the body.
 */
export function nextOrAbort(iterator: AsyncIterator<Uint8Array>, signal: AbortSignal | undefined): Promise<IteratorResult<Uint8Array>> {
  if (signal === undefined) return iterator.next();
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    iterator.next().then(
      (step) => {
        signal.removeEventListener('abort', onAbort);
        resolve(step);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('write aborted', { cause: reason });
}

/** What a guarded source saw: the bytes it passed on, and the source's failure if it stopped early. */
export interface GuardState {
  written: number;
  error?: Error;
}

/**
 * The chunks of `source` until it ends, fails or `signal` aborts. A failure or abort ends the chunks early and is
 * recorded in `state.error` (what arrived before it is still the caller's to store). A source left unfinished, by
 * that or by the caller stopping, is told to return.
 */
export async function* sourceChunks(source: AsyncIterable<Uint8Array>, signal: AbortSignal | undefined, state: { error?: Error }): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  let exhausted = false;
  try {
    for (;;) {
      if (signal?.aborted) {
        state.error = abortReason(signal);
        return;
      }
      let step: IteratorResult<Uint8Array>;
      try {
        step = await nextOrAbort(iterator, signal);
      } catch (err) {
        state.error = err instanceof Error ? err : new Error(String(err));
        return;
      }
      if (step.done) {
        exhausted = true;
        return;
      }
      yield step.value;
    }
  } finally {
    // Not awaited: a source stuck in an await would hold the write open until it woke up.
    if (!exhausted) Promise.resolve(iterator.return?.()).catch(() => {});
  }
}

/**
 * Passes `source` on under StorageDriver.write's rules, for drivers that hand a stream to a library: a failing or
 * aborted source ends the stream early (recorded in `state.error`, so what arrived is still stored), more than
 * `maxBytes` throws StorageLimitError (failing the write), and onWritten hears each chunk once the consumer took it.
 */
export async function* guardSource(source: AsyncIterable<Uint8Array>, opts: WriteOptions, state: GuardState): AsyncGenerator<Uint8Array> {
  const { signal, onWritten, maxBytes = Infinity } = opts;
  for await (const chunk of sourceChunks(source, signal, state)) {
    if (chunk.length === 0) continue;
    if (state.written + chunk.length > maxBytes) throw new StorageLimitError(maxBytes);
    yield chunk;
    state.written += chunk.length;
    onWritten?.(chunk);
  }
}
