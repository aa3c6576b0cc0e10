import { Prisma } from '@/lib/db/generated/client';
import type { AppContext } from '@/lib/services/context';
import { queueImageScans } from './queue-image-scans';

/**
 * After new vulnerability data: rescans images in use, so their reports and badges reflect the new advisories
 * without anyone asking. A rescan refreshes a report: only images scanned before are rescanned (an installation that
 * never scans is not made to scan everything on its first import). "In use" is an image pushed to a tag, pulled, or
 * scanned within BERTH_RESCAN_DAYS (default 30; 0 turns this off).
 */
export async function rescanRecentImages(app: AppContext): Promise<{ queued: number; alreadyActive: number }> {
  const days = app.config.rescanDays ?? 30;
  if (days <= 0) return { queued: 0, alreadyActive: 0 };
  const since = new Date(Date.now() - days * 86_400_000);
  return queueImageScans(app, {
    where: Prisma.sql`EXISTS (SELECT 1 FROM scans s WHERE s.repository_id = t.repository_id AND s.manifest_digest = m.digest)
      AND (t.pushed_at >= ${since} OR t.last_pulled_at >= ${since} OR m.last_pulled_at >= ${since} OR EXISTS (
        SELECT 1 FROM scans s WHERE s.repository_id = t.repository_id AND s.manifest_digest = m.digest AND s.created_at >= ${since}))`,
    trigger: 'rescan',
    requestedBy: 'vulnerability data import',
  });
}
