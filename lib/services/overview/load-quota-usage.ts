import type { OverviewDto } from '@/lib/schemas/overview';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from '@/lib/services/access/access-profile';
import { allowed } from '@/lib/services/access/decide';
import { namespaceUsage } from '@/lib/services/quotas/namespace-usage';

const SHOWN = 10;
// Usage is computed per namespace from its references (never a drifting counter), so only a bounded few are measured.
const MEASURED = 20;

/**
 * Storage used against quota in namespaces that have a quota and that the caller may change (cr:UpdateNamespace:
 * owners, namespace admins, installation admins), the fullest first.
 */
export async function loadQuotaUsage(app: AppContext, input: { actor: Actor; profile: AccessProfile }): Promise<OverviewDto['quotas']> {
  const { actor, profile } = input;
  if (!profile.active) return [];
  const scoped = profile.isAdmin || profile.policies.length > 0;
  const ids = [...new Set([...profile.ownedNamespaceIds, ...profile.namespaceLevels.keys()])];
  if (!scoped && ids.length === 0) return [];
  const candidates = await app.db.namespace.findMany({
    where: { quotaBytes: { not: null }, ...(scoped ? {} : { id: { in: ids } }) },
    select: { id: true, name: true, quotaBytes: true },
    orderBy: { name: 'asc' },
    take: MEASURED,
  });
  const mine = candidates.filter((ns) => allowed(app, actor, profile, 'cr:UpdateNamespace', { kind: 'namespace', namespace: ns }));
  const measured = await Promise.all(
    mine.map(async (ns) => ({ namespace: ns.name, usedBytes: await namespaceUsage(app.db, ns.id), quotaBytes: Number(ns.quotaBytes) })),
  );
  return measured.sort((a, b) => b.usedBytes / b.quotaBytes - a.usedBytes / a.quotaBytes || a.namespace.localeCompare(b.namespace)).slice(0, SHOWN);
}
