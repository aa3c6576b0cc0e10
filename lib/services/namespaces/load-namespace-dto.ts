import { Prisma } from '@/lib/db/generated/client';
import { absent } from '@/lib/errors/domain-error';
import type { NamespaceDto } from '@/lib/schemas/namespaces';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from '@/lib/services/access/access-profile';
import { readableRepositoryWhere } from '@/lib/services/repositories/readable-repository-where';
import { namespaceUsage } from '@/lib/services/quotas/namespace-usage';
import { loadNamespaceStats } from './load-namespace-stats';
import { NAMESPACE_DTO_SELECT, toNamespaceDto } from './namespace-dto';

/** One namespace as the actor sees it: its counts cover only the repositories the actor may read. */
export async function loadNamespaceDto(app: AppContext, input: { actor: Actor; profile: AccessProfile; id: string }): Promise<NamespaceDto> {
  const filter = Prisma.sql`r.namespace_id = ${input.id}::uuid`;
  const readable = await readableRepositoryWhere(app, { actor: input.actor, profile: input.profile, filter });
  const [row, stats, usageBytes] = await Promise.all([
    app.db.namespace.findUnique({ where: { id: input.id }, select: NAMESPACE_DTO_SELECT }),
    loadNamespaceStats(app, Prisma.sql`${filter} AND ${readable}`),
    namespaceUsage(app.db, input.id),
  ]);
  if (!row) throw absent('namespace');
  return { ...toNamespaceDto(row, stats.get(row.id)), usageBytes };
}
