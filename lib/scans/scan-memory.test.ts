import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { createMemoryVulnIndex } from './osv/create-memory-index';
import { type ScanLayer, scanImage } from './scan-image';

const FILE_SIZE = 200 * 1024 * 1024;
const RSS_BUDGET = 100 * 1024 * 1024;

/**
 * A gzip layer holding one 200 MB file, generated as a stream: nothing in the test holds it whole.
 * The file starts with the ELF magic so the Go analyzer has to read every byte of it.
 */
function generatedLayer(): ScanLayer {
  return {
    digest: 'sha256:generated-200mb',
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    open: async () => {
      const pack = tar.pack();
      const gzip = createGzip({ level: 1 });
      Readable.from(pack).pipe(gzip);
      void (async () => {
        const entry = pack.entry({ name: 'usr/local/bin/big', size: FILE_SIZE, mode: 0o755 });
        const chunk = Buffer.alloc(1024 * 1024);
        const first = Buffer.alloc(1024 * 1024);
        first.set([0x7f, 0x45, 0x4c, 0x46]);
        for (let written = 0; written < FILE_SIZE; written += chunk.length) {
          if (!entry.write(written === 0 ? first : chunk)) await once(entry, 'drain');
        }
        entry.end(undefined); // streamx types require the argument
        pack.finalize();
      })();
      return gzip;
    },
  };
}

async function peakRssGrowth(run: () => Promise<unknown>): Promise<number> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - baseline;
}

describe('scan memory', () => {
  const index = createMemoryVulnIndex([]);

  it('streams a gzip layer with a 200 MB file without holding it', { timeout: 120_000 }, async () => {
    let bytes = 0;
    const growth = await peakRssGrowth(async () => {
      const report = await scanImage({ layers: [generatedLayer()], index });
      bytes = report.stats.bytesAnalyzed;
    });
    expect(bytes).toBe(FILE_SIZE);
    expect(growth, `peak RSS growth ${(growth / 1048576).toFixed(1)} MiB`).toBeLessThan(RSS_BUDGET);
  });

  it('streams a 6 KB zstd layer that inflates to 200 MB without holding it', { timeout: 120_000 }, async () => {
    const zst = readFileSync(path.join(import.meta.dirname, 'fixtures/layers/zeros-200mb.tar.zst'));
    let bytes = 0;
    const growth = await peakRssGrowth(async () => {
      const report = await scanImage({
        layers: [{ digest: 'sha256:zeros', mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', open: async () => Readable.from([zst]) }],
        index,
      });
      bytes = report.stats.bytesAnalyzed;
    });
    expect(bytes).toBe(FILE_SIZE);
    expect(growth, `peak RSS growth ${(growth / 1048576).toFixed(1)} MiB`).toBeLessThan(RSS_BUDGET);
  });
});
