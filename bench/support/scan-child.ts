// One scan in its own process, so its peak RSS is the scan's alone: `node --import tsx bench/support/scan-child.ts
// <layer.tar.gz>...` with DATABASE_URL set. Prints one JSON line with the scan's time, the process's peak RSS and
// what the report found.
import { createReadStream, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '@/lib/config';
import { createDb } from '@/lib/db/client';
import type { VulnIndex } from '@/lib/scans/osv/vuln-index';
import { scanImage } from '@/lib/scans/scan-image';
import type { AppContext } from '@/lib/services/context';
import { createDbVulnIndex } from '@/lib/services/vulndb/db-vuln-index';
import { createStorage } from '@/lib/storage/create-storage';

async function main() {
  const files = process.argv.slice(2);
  const config = loadConfig();
  const db = createDb(config.databaseUrl!, { poolSize: 4 });
  const app: AppContext = { db, storage: createStorage({ driver: 'fs', rootDir: config.dataDir }), config };
  await db.$queryRaw`SELECT 1`; // connect before the clock starts, as a worker process would be
  const rssBefore = process.memoryUsage().rss;

  // Time spent waiting on the index, to tell the database's share of the scan from the layers'. The wrapper passes
  // lookupMany through, as the scan job's index would offer it.
  const inner = createDbVulnIndex(app);
  let lookups = 0;
  let recordsReturned = 0;
  let indexMs = 0;
  const timed = <T>(p: Promise<T>) => {
    const t0 = performance.now();
    return p.finally(() => (indexMs += performance.now() - t0));
  };
  const index: VulnIndex = {
    lookup: (e, n) => {
      lookups += 1;
      return timed(inner.lookup(e, n)).then((r) => ((recordsReturned += r.length), r));
    },
    lookupMany: (queries) => {
      lookups += queries.length;
      return timed(inner.lookupMany!(queries)).then((r) => ((recordsReturned += r.reduce((n, x) => n + x.length, 0)), r));
    },
    hasEcosystem: (e) => timed(inner.hasEcosystem(e)),
  };

  const t0 = performance.now();
  const report = await scanImage({
    layers: files.map((file, i) => ({ digest: `sha256:layer${i}`, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', open: async () => createReadStream(file) })),
    index,
  });
  const scanMs = performance.now() - t0;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  console.log(
    JSON.stringify({
      scanMs,
      indexMs,
      lookups,
      recordsReturned,
      peakRssBytes: hwm ? Number(hwm[1]) * 1024 : process.resourceUsage().maxRSS * 1024,
      rssBeforeScanBytes: rssBefore,
      packages: report.packages.length,
      vulnerabilities: report.vulnerabilities.length,
      secrets: report.secrets.length,
      ecosystemsWithoutData: report.ecosystemsWithoutData,
      stats: report.stats,
    }),
  );
  await db.$disconnect();
}

main().catch((err) => {
  console.error((err as Error)?.stack ?? err);
  process.exit(1);
});
