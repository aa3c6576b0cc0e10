import { RegistryError } from '@/lib/errors/registry-error';
import type { AppContext } from '@/lib/services/context';

/**
 * Each open upload session holds a row and a file until it is finished, cancelled or purged: one user may have at
 * most BERTH_MAX_OPEN_UPLOADS open at once, so a client cannot open sessions without bound.
 */
export async function checkOpenUploads(app: AppContext, userId: string): Promise<void> {
  const limit = app.config.maxOpenUploads;
  const open = await app.db.uploadSession.count({ where: { createdById: userId } });
  if (open >= limit) {
    throw new RegistryError(
      'TOOMANYREQUESTS',
      `too many open upload sessions: you have ${open} (at most ${limit}); finish or cancel some before starting another`,
    );
  }
}
