import { notFound } from 'next/navigation';
import type { Action } from '@/lib/access/actions';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { allowed } from '@/lib/services/access/decide';

// Installation-wide console pages (users, policies) ask the same decision function the services use. Asking it
// directly, rather than calling a service and catching FORBIDDEN, keeps a mere page view out of the audit log.

/** Whether the actor may take an installation-wide action (cr:ManageUser, cr:ManagePolicy, cr:GetAudit). */
export async function mayOnInstance(app: AppContext, actor: Actor, action: Action): Promise<boolean> {
  if (actor.kind !== 'user') return false;
  return allowed(app, actor, await loadAccessProfile(app, actor), action, { kind: 'instance' });
}

/** The console's not-found page, unless the actor may take the action: what one cannot use is not shown at all. */
export async function requireOnInstance(app: AppContext, actor: Actor, action: Action): Promise<void> {
  if (!(await mayOnInstance(app, actor, action))) notFound();
}
