import type { AppContext } from '@/lib/services/context';

/** Stored log bound: past it the oldest chunks go, the tail stays. */
export const MAX_STORED_LOG_BYTES = 10 * 1024 * 1024;
const MAX_LINE_BYTES = 16 * 1024;
const MAX_CHUNK_BYTES = 256 * 1024;
// Offsets are 32-bit: a log that writes this much in all (not stored) stops growing.
const MAX_TOTAL_BYTES = 2 ** 31 - MAX_CHUNK_BYTES * 2;

/**
 * Collects a build's log lines (masked) and writes them to the database in chunks of whole lines about once a
 * second, so readers can follow a running build from any instance. Keeps at most MAX_STORED_LOG_BYTES: the head is
 * dropped (and counted) when the log outgrows it.
 */
export class BuildLogWriter {
  private pending: string[] = [];
  private pendingBytes = 0;
  private written = 0;
  private stored: { offset: number; bytes: number }[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private flushQueued = false;

  constructor(
    private readonly app: AppContext,
    private readonly buildId: string,
    private readonly mask: (line: string) => string,
  ) {}

  line(text: string): void {
    let line = this.mask(text.replace(/\s+$/, ''));
    if (Buffer.byteLength(line) > MAX_LINE_BYTES) line = `${Buffer.from(line).subarray(0, MAX_LINE_BYTES).toString('utf8')}… (line cut)`;
    line += '\n';
    this.pending.push(line);
    this.pendingBytes += Buffer.byteLength(line);
    if (this.pendingBytes >= MAX_CHUNK_BYTES && !this.flushQueued) {
      this.flushQueued = true;
      void this.flush().finally(() => (this.flushQueued = false));
    }
  }

  /** Writes what is pending; calls run one after another. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write()).catch((err) => console.error(`[berth] build log not written: ${(err as Error)?.message ?? err}`));
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    // Chunks of whole lines, at most MAX_CHUNK_BYTES each (a reader fetches a few chunks per call).
    let chunk: string[] = [];
    let chunkBytes = 0;
    for (const [i, line] of lines.entries()) {
      chunk.push(line);
      chunkBytes += Buffer.byteLength(line);
      const next = lines[i + 1];
      if (next === undefined || chunkBytes + Buffer.byteLength(next) > MAX_CHUNK_BYTES) {
        await this.insert(chunk.join(''), chunkBytes);
        chunk = [];
        chunkBytes = 0;
      }
    }
    await this.trim();
  }

  private async insert(text: string, bytes: number): Promise<void> {
    if (this.written + bytes > MAX_TOTAL_BYTES) return;
    const offset = this.written;
    await this.app.db.buildLogChunk.create({ data: { buildId: this.buildId, offset, bytes, text } });
    this.written += bytes;
    this.stored.push({ offset, bytes });
  }

  /** Drops the oldest chunks past the bound and records the new totals. */
  private async trim(): Promise<void> {
    let dropUntil = -1;
    while (this.stored.length > 1 && this.written - this.stored[0]!.offset > MAX_STORED_LOG_BYTES) dropUntil = this.stored.shift()!.offset;
    if (dropUntil >= 0) await this.app.db.buildLogChunk.deleteMany({ where: { buildId: this.buildId, offset: { lte: dropUntil } } });
    await this.app.db.build.update({ where: { id: this.buildId }, data: { logBytes: this.written, logDroppedBytes: this.stored[0]?.offset ?? 0 } });
  }
}
