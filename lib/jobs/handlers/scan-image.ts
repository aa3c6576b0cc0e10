import { finishScan } from '@/lib/services/scans/finish-scan';
import { runScan } from '@/lib/services/scans/run-scan';
import { defineHandler } from '../define-job';
import { scanImageJob } from '../definitions/scan-image';

export const scanImageHandler = defineHandler({
  definition: scanImageJob,
  // Scans are CPU- and I/O-heavy; BERTH_SCAN_CONCURRENCY (default 1) per worker process.
  concurrency: (config) => config.scanConcurrency,
  handle: async (app, { scanId }, run) => {
    try {
      await runScan(app, scanId);
    } catch (err) {
      // No retry follows: record the failure, or the scan would stay "running" and hold off new requests for it.
      if (run.isLastAttempt) {
        const reason = `the scan could not complete after ${run.attempt} attempts: ${(err as Error)?.message ?? err}`;
        await finishScan(app, scanId, { status: 'failed', error: reason }).catch(() => undefined);
      }
      throw err;
    }
  },
});
