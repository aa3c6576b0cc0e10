import type { ScanDto } from '@/lib/schemas/scans';
import { cn } from '@/components/ui/cn';

/** A queued scan waits for a worker; a running one counts the layers it has read. */
export function ScanProgress({ scan, className }: { scan: Pick<ScanDto, 'status' | 'progress'>; className?: string }) {
  const { layersDone, layersTotal } = scan.progress;
  const known = scan.status === 'running' && layersTotal > 0;
  const percent = known ? Math.round((100 * layersDone) / layersTotal) : 0;
  const text = scan.status === 'queued' ? 'Waiting for a worker' : known ? `Read ${layersDone} of ${layersTotal} layers` : 'Starting';
  return (
    <div className={className}>
      <div className="mb-1.5 flex justify-between text-sm text-slate-600 dark:text-slate-400">
        <span id="scan-progress-label">{text}</span>
        {known ? <span className="tabular-nums">{percent}%</span> : null}
      </div>
      <div
        role="progressbar"
        aria-labelledby="scan-progress-label"
        aria-valuemin={0}
        aria-valuemax={known ? layersTotal : undefined}
        aria-valuenow={known ? layersDone : undefined}
        className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div
          className={cn('h-full rounded-full bg-teal-600 transition-[width] duration-500 dark:bg-teal-500', !known && 'w-1/3 animate-pulse')}
          style={known ? { width: `${Math.max(percent, 2)}%` } : undefined}
        />
      </div>
    </div>
  );
}
