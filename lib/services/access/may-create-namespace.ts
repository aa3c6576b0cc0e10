import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from './access-profile';
import { permits } from './authorize';

/**
 * Whether the actor may create a namespace of this name: installation admins, and users a policy grants
 * cr:CreateNamespace on it. (The per-user limit is enforced where the namespace is inserted.) A namespace that
 * does not exist yet has no owner or members, so only the admin grant and policies can allow it.
 */
export function mayCreateNamespace(app: AppContext, actor: Actor, profile: AccessProfile, name: string): boolean {
  if (actor.kind !== 'user') return false;
  return permits(app, actor, profile, 'cr:CreateNamespace', { kind: 'namespace', namespace: { id: '', name } });
}
