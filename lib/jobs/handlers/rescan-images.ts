import { rescanRecentImages } from '@/lib/services/scans/rescan-recent-images';
import { defineHandler } from '../define-job';
import { rescanImagesJob } from '../definitions/rescan-images';

export const rescanImagesHandler = defineHandler({
  definition: rescanImagesJob,
  concurrency: () => 1,
  handle: async (app) => {
    const { queued } = await rescanRecentImages(app);
    if (queued > 0) console.log(`[berth] new vulnerability data: ${queued} image(s) queued for a rescan`);
  },
});
