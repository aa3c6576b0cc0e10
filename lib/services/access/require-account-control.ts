import { DomainError } from '@/lib/errors/domain-error';
import type { Actor } from '@/lib/services/context';

/**
 * Tokens and the account itself are managed only with a password, a console session, or an unrestricted access
 * token: a read-only or namespace-limited token that could list, create or revoke tokens, or change users, would
 * reach beyond its own limits (revoking the owner's other tokens, minting broader ones).
 */
export function requireAccountControl(actor: Actor, what = 'manage tokens or accounts'): void {
  if (actor.kind !== 'user' || !actor.tokenLimits) return;
  if (actor.tokenLimits.readOnly || actor.tokenLimits.namespaces.length > 0) {
    throw new DomainError('forbidden', `a read-only or namespace-limited access token cannot ${what}`);
  }
}

/** Whether the actor is limited as above (for the decision table: such tokens get no account actions). */
export function isLimitedToken(actor: Actor): boolean {
  return actor.kind === 'user' && !!actor.tokenLimits && (actor.tokenLimits.readOnly || actor.tokenLimits.namespaces.length > 0);
}
