import { absent, DomainError } from '@/lib/errors/domain-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireAccountControl } from '@/lib/services/access/require-account-control';
import { requireAction } from '@/lib/services/access/require-action';

/**
 * Whose tokens a call manages: the caller's own, or, with `username`, that user's (cr:ManageUser). Callers of the
 * first kind see nothing of anyone else's tokens.
 */
export async function resolveTokenOwner(
  app: AppContext,
  input: { actor: Actor; username?: string },
): Promise<{ id: string; username: string }> {
  const { actor } = input;
  if (actor.kind !== 'user') throw new DomainError('unauthenticated', 'sign in or send an access token');
  requireAccountControl(actor);
  if (input.username === undefined) return { id: actor.id, username: actor.username };
  await requireAction(app, { actor, action: 'cr:ManageUser', target: { kind: 'instance' } });
  const user = await app.db.user.findUnique({ where: { username: input.username }, select: { id: true, username: true } });
  if (!user) throw absent(`user "${input.username}"`);
  return user;
}
