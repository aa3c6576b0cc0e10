import type { AppContext } from '@/lib/services/context';
import { UPLOADS_PREFIX, uploadKey } from '@/lib/storage/keys';

/**
 * Removes upload sessions untouched for longer than the configured age, and upload bytes that no session owns
 * (left by a monolithic upload or a process killed mid-request) once they are that old too.
 */
export async function purgeStaleUploads(app: AppContext, now = new Date()): Promise<{ sessions: number; files: number }> {
  const cutoff = new Date(now.getTime() - app.config.uploadMaxAgeMs);
  const stale = await app.db.uploadSession.findMany({
    where: { updatedAt: { lt: cutoff }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    select: { id: true },
    take: 10_000,
  });
  for (const s of stale) {
    await app.db.uploadSession.deleteMany({ where: { id: s.id } });
    await app.storage.delete(uploadKey(s.id));
  }
  let files = 0;
  for await (const key of app.storage.list(UPLOADS_PREFIX)) {
    const id = key.slice(UPLOADS_PREFIX.length);
    const stat = await app.storage.stat(key);
    if (!stat || stat.modifiedAt >= cutoff) continue;
    const owned = await app.db.uploadSession.count({ where: { id } }).catch(() => 0);
    if (owned) continue;
    await app.storage.delete(key);
    files++;
  }
  return { sessions: stale.length, files };
}
