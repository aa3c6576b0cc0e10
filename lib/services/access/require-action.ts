import type { Action } from '@/lib/access/actions';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from './access-profile';
import { authorize, denialError } from './authorize';
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
  throw denialError(result.denial, action, input.notFoundLabel);
}
