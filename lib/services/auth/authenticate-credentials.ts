import type { AppContext, Origin, UserActor } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { authenticateAccessToken } from '@/lib/services/tokens/authenticate-access-token';
import { looksLikeTokenSecret } from '@/lib/services/tokens/token-secret';
import { authenticatePassword, recentlyVerifiedPassword } from '@/lib/services/users/authenticate-password';
import { loadAccessProfile, loadAccessProfileThrottled } from '@/lib/services/access/access-profile';
import { isUnsafeText } from '@/lib/text/unsafe-text';
import { checkThrottle, recordFailure, recordSuccess, throttleOutcome, throttleQuery } from './throttle';
import { auditResource } from '@/lib/services/access/audit-resource';

/**
 * A username with a password or a personal access token (registry clients put either in Basic credentials).
 * Throttled (throws ThrottledError): wrong passwords count per user and per address; wrong access tokens only per
 * address, since 256-bit secrets cannot be guessed and a stale token in some CI job must not lock its owner out.
 * Right secrets for a disabled account or a revoked token are refused without counting. Failures are audited,
 * never with the secret.
 */
export async function authenticateCredentials(
  app: AppContext,
  input: { username: string; secret: string; origin?: Origin },
): Promise<UserActor | null> {
  // No user has such a name or secret, and Postgres could not even look it up.
  if (isUnsafeText(input.username) || isUnsafeText(input.secret)) return null;
  const isToken = looksLikeTokenSecret(input.secret);
  const who = { username: isToken ? undefined : input.username, ip: input.origin?.ip };
  const limits = { perUser: app.config.signInFailuresPerUser, perAddress: app.config.signInFailuresPerAddress };
  const throttle = throttleQuery(limits, who);
  // A password verified moments ago needs no hash comparison, so the throttle check rides along with the access
  // profile's query: one round trip on every request of a client sending Basic credentials. The throttle still
  // decides first: past the limit even a right password is refused.
  const recent = isToken ? null : recentlyVerifiedPassword(input.username, input.secret);
  const early = recent && { ...recent, origin: input.origin };
  const { userFailures } = early
    ? throttleOutcome(throttle, (await loadAccessProfileThrottled(app, early, throttle)).throttle)
    : await checkThrottle(app, limits, who);
  const found = early
    ? null
    : isToken
      ? await authenticateAccessToken(app, { secret: input.secret, username: input.username })
      : await authenticatePassword(app, { username: input.username, password: input.secret });
  // `early` itself, not a copy: its access profile is already loaded (memoized per actor object).
  const user = early ?? (found && found !== 'disabled' ? { ...found, origin: input.origin } : null);
  // The profile query (memoized for the request) re-reads the user: disabled, or password changed since the
  // credentials were last verified, means no.
  if (!user || !(await loadAccessProfile(app, user)).active) {
    if (!user && found !== 'disabled') await recordFailure(app, who);
    void recordAuditEvent(app, {
      actor: { kind: 'anonymous', origin: input.origin },
      action: 'auth:SignIn',
      ...auditResource(app, { kind: 'user', name: input.username.slice(0, 100) }),
      outcome: 'denied',
    });
    return null;
  }
  if (userFailures > 0) await recordSuccess(app, who);
  return user;
}
