import type { NamespaceListDto } from '@/lib/schemas/namespaces';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { permits } from '@/lib/services/access/authorize';
import { readableRepositoryWhere } from '@/lib/services/repositories/readable-repository-where';
import { loadNamespaceLimit } from './load-namespace-limit';
import { loadNamespaceStats } from './load-namespace-stats';
import { NAMESPACE_DTO_SELECT, toNamespaceDto } from './namespace-dto';

const MAX_NAMESPACES = 10_000;

/**
 * Namespaces the actor can see (see isNamespaceVisible), in name order, with the caller's namespace limit. The
 * per-namespace counts come from one aggregate over the readable repositories, which also says which namespaces
 * hold a readable repository.
 */
export async function listNamespaces(app: AppContext, input: { actor: Actor }): Promise<NamespaceListDto> {
  const { actor } = input;
  const profile = await loadAccessProfile(app, actor);
  const readable = await readableRepositoryWhere(app, { actor, profile });
  const [namespaces, stats, namespaceLimit] = await Promise.all([
    app.db.namespace.findMany({ select: NAMESPACE_DTO_SELECT, orderBy: { name: 'asc' }, take: MAX_NAMESPACES }),
    loadNamespaceStats(app, readable),
    loadNamespaceLimit(app, actor),
  ]);
  const items = namespaces
    .filter((ns) => stats.has(ns.id) || permits(app, actor, profile, 'cr:GetNamespace', { kind: 'namespace', namespace: ns }))
    .map((ns) => toNamespaceDto(ns, stats.get(ns.id)));
  return { items, namespaceLimit };
}
