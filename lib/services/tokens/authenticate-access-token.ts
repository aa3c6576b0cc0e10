import type { AppContext, UserActor } from '@/lib/services/context';
import { hashTokenSecret, looksLikeTokenSecret } from './token-secret';

// last_used_at is written at most this often per token, not on every registry request.
const TOUCH_EVERY_MS = 60_000;

/**
 * The user behind a personal access token, with the token's limits, or null when the token is unknown, revoked,
 * expired, or its user is disabled. `username`, when given, must be the token owner's.
 */
export async function authenticateAccessToken(
  app: AppContext,
  input: { secret: string; username?: string },
): Promise<UserActor | null> {
  if (!looksLikeTokenSecret(input.secret)) return null;
  const token = await app.db.accessToken.findUnique({
    where: { tokenHash: hashTokenSecret(input.secret) },
    select: {
      id: true,
      readOnly: true,
      namespaces: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, username: true, isAdmin: true, disabled: true } },
    },
  });
  const now = new Date();
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now) || token.user.disabled) return null;
  if (input.username !== undefined && input.username !== token.user.username) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    void app.db.accessToken.update({ where: { id: token.id }, data: { lastUsedAt: now } }).catch(() => undefined);
  }
  return {
    kind: 'user',
    id: token.user.id,
    username: token.user.username,
    isAdmin: token.user.isAdmin,
    tokenLimits: { readOnly: token.readOnly, namespaces: token.namespaces },
    accessTokenId: token.id,
  };
}
