import type { AppContext } from '@/lib/services/context';

export interface ScanProgress {
  /** Records that `layersDone` layers are read; written at most every `intervalMs`, the latest value winning. */
  report(layersDone: number): void;
  /** Writes nothing more; waits for a write in flight. */
  close(): Promise<void>;
}

/**
 * Throttled `layers_done` updates: an image of many small layers finishes several a second, and each would otherwise
 * be a write. A failed write is logged, not fatal: progress is a hint, the result is what counts.
 */
export function createScanProgress(app: AppContext, scanId: string, intervalMs = 500): ScanProgress {
  let latest = 0;
  let written = 0;
  let lastWrite = 0;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> | null = null;
  let closed = false;

  const schedule = () => {
    if (closed || timer || inFlight || latest === written) return;
    timer = setTimeout(flush, Math.max(0, lastWrite + intervalMs - Date.now()));
    timer.unref();
  };
  const flush = () => {
    timer = null;
    if (closed) return;
    const value = latest;
    lastWrite = Date.now();
    inFlight = app.db.scan
      .updateMany({ where: { id: scanId, status: 'running' }, data: { layersDone: value } })
      .then(() => {
        written = value;
      })
      .catch((err) => console.error(`[berth] scan ${scanId}: progress not recorded: ${(err as Error)?.message ?? err}`))
      .finally(() => {
        inFlight = null;
        schedule();
      });
  };

  return {
    report(layersDone) {
      latest = Math.max(latest, layersDone);
      schedule();
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight;
    },
  };
}
