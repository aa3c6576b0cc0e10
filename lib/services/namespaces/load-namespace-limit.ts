import type { NamespaceLimitDto } from '@/lib/schemas/namespaces';
import type { Actor, AppContext } from '@/lib/services/context';

/** How many namespaces the actor owns and may own: admins have no limit; anonymous callers own none and may own none. */
export async function loadNamespaceLimit(app: AppContext, actor: Actor): Promise<NamespaceLimitDto> {
  if (actor.kind !== 'user') return { limit: 0, owned: 0 };
  const [user, owned] = await Promise.all([
    app.db.user.findUnique({ where: { id: actor.id }, select: { namespaceLimit: true } }),
    app.db.namespace.count({ where: { ownerId: actor.id } }),
  ]);
  // The same rule insertNamespace enforces.
  const limit = actor.isAdmin ? null : (user?.namespaceLimit ?? app.config.namespaceLimit);
  return { limit, owned };
}
