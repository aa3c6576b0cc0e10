import type { Actor, AppContext } from '@/lib/services/context';
import { authorize } from '@/lib/services/access/authorize';

/**
 * Whether the actor administers the vulnerability data (imports it, sees the import history). That is the
 * installation administrator's right, decided as for user management (`cr:ManageUser` on the instance): an admin,
 * unless a policy or a read-only or namespace-limited token says otherwise.
 */
export async function mayManageVulnDb(app: AppContext, actor: Actor): Promise<boolean> {
  if (actor.kind === 'anonymous') return false;
  return (await authorize(app, actor, 'cr:ManageUser', { kind: 'instance' }, { quiet: true })).allowed;
}
