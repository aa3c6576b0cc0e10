import type { Action } from '@/lib/access/actions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from './access-profile';
import { authorize, type Denial } from './authorize';
import type { AccessTarget } from './decide';

/**
 * Throws unless the actor may take `action` on `target`. `hiddenUnless` names the action that makes the target
 * visible at all: without it the answer is NOT_FOUND (hidden means absent), with it FORBIDDEN. Refusals are audited.
 * A thin wrapper over the gate (authorize.ts) for REST-facing services; new code may call `assertAuthorized`.
 */
export async function requireAction(
  app: AppContext,
  input: { actor: Actor; action: Action; target: AccessTarget; hiddenUnless?: Action; notFoundLabel?: string; profile?: AccessProfile },
): Promise<AccessProfile> {
  const { actor, action, target } = input;
  const result = await authorize(app, actor, action, target, { visibleWith: input.hiddenUnless, profile: input.profile });
  if (result.allowed) return result.profile;
  throw appErrorFor(result.denial, action, input.notFoundLabel);
}

/** The REST API's answer to a denial of the gate. */
export function appErrorFor(denial: Denial, action: Action, notFoundLabel = 'resource'): AppError {
  if (denial === 'absent') return new AppError('NOT_FOUND', `${notFoundLabel} not found`);
  if (denial === 'unauthenticated') return new AppError('UNAUTHORIZED', 'sign in or send an access token');
  return new AppError('FORBIDDEN', `you may not ${action.replace(/^cr:/, '')} here`);
}
