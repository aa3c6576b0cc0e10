import type { Actor, AppContext } from '@/lib/services/context';

/** Installation admins create namespaces. */
export async function mayCreateNamespace(_app: AppContext, actor: Actor): Promise<boolean> {
  return actor.kind === 'user' && actor.isAdmin;
}
