import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { AppContext, UserActor } from '@/lib/services/context';
import { hashPassword, verifyPassword } from './password';

const recent = new LRUCache<string, UserActor>({ max: 10_000, ttl: 30_000 });

function credentialKey(username: string, password: string): string {
  return createHash('sha256').update(username).update('\0').update(password).digest('base64');
}

// A fixed hash to verify against when the user does not exist, so a miss costs what a hit costs.
let dummyHash: Promise<string> | undefined;

/**
 * The user behind credentials verified in the last 30 seconds, or null. The access profile re-reads the user on
 * every request, so a disabled user or a changed password still takes effect at once; the cache only spares the
 * lookup and the hash comparison.
 */
export function recentlyVerifiedPassword(username: string, password: string): UserActor | null {
  if (username.length > 256 || password.length > 1024) return null;
  const cached = recent.get(credentialKey(username, password));
  return cached ? { ...cached } : null;
}

/**
 * The user behind a username and password; null for wrong credentials; 'disabled' when the password is right but
 * the account is disabled (not a guess, so callers need not count it against throttling).
 */
export async function authenticatePassword(
  app: AppContext,
  input: { username: string; password: string },
): Promise<UserActor | 'disabled' | null> {
  if (input.username.length > 256 || input.password.length > 1024) return null;
  const cached = recentlyVerifiedPassword(input.username, input.password);
  if (cached) return cached;
  const cacheKey = credentialKey(input.username, input.password);
  const user = await app.db.user.findUnique({
    where: { username: input.username },
    select: { id: true, username: true, passwordHash: true, isAdmin: true, disabled: true },
  });
  if (!user) {
    dummyHash ??= hashPassword('berth-no-such-user');
    await verifyPassword(await dummyHash, input.password);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, input.password);
  if (!ok) return null;
  if (user.disabled) return 'disabled';
  const actor = { kind: 'user', id: user.id, username: user.username, isAdmin: user.isAdmin, verifiedPasswordHash: user.passwordHash } as const;
  recent.set(cacheKey, actor);
  return { ...actor };
}
