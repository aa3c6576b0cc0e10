import type { Action } from '@/lib/access/actions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { loadAccessProfile, type AccessProfile } from './access-profile';
import { allowed, resourceContext, targetResource, type AccessTarget } from './decide';

/**
 * Throws unless the actor may take `action` on `target`. `hiddenUnless` names the action that makes the target
 * visible at all: without it the answer is NOT_FOUND (hidden means absent), with it FORBIDDEN. Refusals are audited.
 */
export async function requireAction(
  app: AppContext,
  input: { actor: Actor; action: Action; target: AccessTarget; hiddenUnless?: Action; notFoundLabel?: string; profile?: AccessProfile },
): Promise<AccessProfile> {
  const { actor, action, target } = input;
  if (actor.kind === 'anonymous' && target.kind === 'instance') throw new AppError('UNAUTHORIZED', 'sign in or send an access token');
  const profile = input.profile ?? (await loadAccessProfile(app, actor));
  if (allowed(app, actor, profile, action, target)) return profile;
  const resource = targetResource(resourceContext(app), target);
  void recordAuditEvent(app, {
    actor,
    action,
    resource,
    namespace: target.kind === 'repository' ? target.repository.name.split('/')[0] : target.kind === 'namespace' ? target.namespace.name : null,
    outcome: 'denied',
  });
  if (input.hiddenUnless && !allowed(app, actor, profile, input.hiddenUnless, target)) {
    throw new AppError('NOT_FOUND', `${input.notFoundLabel ?? 'resource'} not found`);
  }
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHORIZED', 'sign in or send an access token');
  throw new AppError('FORBIDDEN', `you may not ${action.replace(/^cr:/, '')} here`);
}
