import type { AppContext } from '@/lib/services/context';

/**
 * Ends every console session and registry refresh token of a user (signing out: a JWT session cannot be ended
 * one cookie at a time, so it ends them all). Access tokens are not sessions and stay valid.
 */
export async function endSessions(app: AppContext, input: { userId: string; sessionVersion?: number }): Promise<void> {
  // Only when the version is still the one the session carried: a stale sign-out must not end newer sessions.
  await app.db.user.updateMany({
    where: { id: input.userId, ...(input.sessionVersion === undefined ? {} : { sessionVersion: input.sessionVersion }) },
    data: { sessionVersion: { increment: 1 } },
  });
}
