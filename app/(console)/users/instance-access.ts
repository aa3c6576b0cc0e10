import { notFound } from 'next/navigation';
import type { Action } from '@/lib/access/actions';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorize } from '@/lib/services/access/authorize';

// Installation-wide console pages (users, policies) ask the same gate the services use, quietly: a mere page view
// is not a refusal worth an audit record.

/** Whether the actor may take an installation-wide action (cr:ManageUser, cr:ManagePolicy, cr:GetAudit). */
export async function mayOnInstance(app: AppContext, actor: Actor, action: Action): Promise<boolean> {
  if (actor.kind !== 'user') return false;
  return (await authorize(app, actor, action, { kind: 'instance' }, { quiet: true })).allowed;
}

/** The console's not-found page, unless the actor may take the action: what one cannot use is not shown at all. */
export async function requireOnInstance(app: AppContext, actor: Actor, action: Action): Promise<void> {
  if (!(await mayOnInstance(app, actor, action))) notFound();
}
