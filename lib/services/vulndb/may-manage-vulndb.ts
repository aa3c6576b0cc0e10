import type { Actor, AppContext } from '@/lib/services/context';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { allowed } from '@/lib/services/access/decide';

/**
 * Whether the actor administers the vulnerability data (imports it, sees the import history). That is the
 * installation administrator's right, decided as for user management (`cr:ManageUser` on the instance): an admin,
 * unless a policy or a read-only or namespace-limited token says otherwise.
 */
export async function mayManageVulnDb(app: AppContext, actor: Actor): Promise<boolean> {
  if (actor.kind === 'anonymous') return false;
  const profile = await loadAccessProfile(app, actor);
  return allowed(app, actor, profile, 'cr:ManageUser', { kind: 'instance' });
}
