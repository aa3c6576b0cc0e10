import { Prisma } from '@/lib/db/generated/client';
import type { AppContext } from '@/lib/services/context';
import { queueImageScans } from './queue-image-scans';

/**
 * After new vulnerability data: rescans images in use, so their reports and badges reflect the new advisories
 * without anyone asking. "In use" is an image pushed to a tag, or scanned, within BERTH_RESCAN_DAYS (default 30; 0
 * turns this off). Pulls are not recorded per image, so a recent scan stands in for recent interest.
 */
export async function rescanRecentImages(app: AppContext): Promise<{ queued: number; alreadyActive: number }> {
  const days = app.config.rescanDays ?? 30;
  if (days <= 0) return { queued: 0, alreadyActive: 0 };
  const since = new Date(Date.now() - days * 86_400_000);
  return queueImageScans(app, {
    where: Prisma.sql`(t.pushed_at >= ${since} OR EXISTS (
      SELECT 1 FROM scans s WHERE s.repository_id = t.repository_id AND s.manifest_digest = m.digest AND s.created_at >= ${since}))`,
    trigger: 'rescan',
    requestedBy: 'vulnerability data import',
  });
}
