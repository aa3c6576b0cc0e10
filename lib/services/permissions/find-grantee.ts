import { DomainError } from '@/lib/errors/domain-error';
import type { AppContext } from '@/lib/services/context';

/** The user a grant is for, or NOT_FOUND pointing at the username. */
export async function findGrantee(app: AppContext, username: string): Promise<{ id: string; username: string }> {
  const user = username.length <= 256 ? await app.db.user.findUnique({ where: { username }, select: { id: true, username: true } }) : null;
  if (!user) throw new DomainError('absent', `user "${username.slice(0, 256)}" not found`, { fields: [{ path: 'username', message: 'no such user' }] });
  return user;
}
