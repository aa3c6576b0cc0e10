import type { Actor, AppContext } from '@/lib/services/context';
import { hashPassword, verifyPassword } from './password';

// A fixed hash to verify against when the user does not exist, so a miss costs what a hit costs.
let dummyHash: Promise<string> | undefined;

/** The user behind a username and password, or null. Disabled users never authenticate. */
export async function authenticatePassword(
  app: AppContext,
  input: { username: string; password: string },
): Promise<Extract<Actor, { kind: 'user' }> | null> {
  if (input.username.length > 256 || input.password.length > 1024) return null;
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
  if (!ok || user.disabled) return null;
  return { kind: 'user', id: user.id, username: user.username, isAdmin: user.isAdmin };
}
