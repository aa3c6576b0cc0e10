import { AppError } from '@/lib/errors/app-error';
import type { OverviewDto } from '@/lib/schemas/overview';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { allowed } from '@/lib/services/access/decide';
import { readableRepositoryWhere } from '@/lib/services/repositories/readable-repository-where';
import { loadAdminOverview } from './load-admin-overview';
import { loadDeliveryFailures } from './load-delivery-failures';
import { loadQuotaUsage } from './load-quota-usage';
import { loadReach } from './load-reach';
import { loadRecentPushes } from './load-recent-pushes';
import { loadVulnerableImages } from './load-vulnerable-images';

/**
 * The console's start page for a signed-in caller. Every part is scoped in its query to what the caller may read
 * (readableRepositoryWhere, the same condition as the repository list), so a hidden repository is absent from counts
 * and lists alike; every list is cut with a LIMIT and every count is an aggregate, so the cost does not grow with the
 * number of repositories the caller cannot see. The administrator's part needs cr:ManageStorage on the installation.
 */
export async function getOverview(app: AppContext, input: { actor: Actor }): Promise<OverviewDto> {
  const { actor } = input;
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHORIZED', 'sign in or send an access token');
  const profile = await loadAccessProfile(app, actor);
  const readable = await readableRepositoryWhere(app, { actor, profile });
  const isAdmin = allowed(app, actor, profile, 'cr:ManageStorage', { kind: 'instance' });
  const [reach, quotas, recentPushes, vulnerableImages, deliveryFailures, admin] = await Promise.all([
    loadReach(app, { actor, profile, readable }),
    loadQuotaUsage(app, { actor, profile }),
    loadRecentPushes(app, readable),
    loadVulnerableImages(app, { actor, profile, readable }),
    loadDeliveryFailures(app, { actor, profile }),
    isAdmin ? loadAdminOverview(app) : Promise.resolve(undefined),
  ]);
  return { ...reach, quotas, recentPushes, vulnerableImages, deliveryFailures, ...(admin ? { admin } : {}) };
}
