import { jobQueueOf } from '@/lib/jobs/app-job-queue';
import { rescanImagesJob } from '@/lib/jobs/definitions/rescan-images';
import type { AppContext } from '@/lib/services/context';
import { rescanRecentImages } from './rescan-recent-images';

/**
 * Called when an import has added or changed records: the rescan runs as a job where this process has a queue; where
 * it has none (`npm run vulndb:import`), the scans are queued here and the workers' scan sweeper picks them up.
 * Never throws: an import that succeeded stays a success.
 */
export async function requestRescan(app: AppContext, importId: string): Promise<void> {
  try {
    const queue = jobQueueOf(app);
    if (queue) await queue.send(rescanImagesJob, { importId }, { id: importId });
    else await rescanRecentImages(app);
  } catch (err) {
    console.error(`[berth] rescan after import ${importId} not queued: ${(err as Error)?.message ?? err}`);
  }
}
