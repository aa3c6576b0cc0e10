import type { UserDto } from '@/lib/schemas/users';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireAction } from '@/lib/services/access/require-action';
import { toUserDto, USER_DTO_SELECT } from './user-dto';

/**
 * Users whose name starts with `prefix`, in name order, at most `limit`: what the permissions editor suggests as an
 * administrator types. Listing users is theirs alone (cr:ManageUser), exactly as the full list.
 */
export async function suggestUsers(app: AppContext, input: { actor: Actor; prefix: string; limit: number }): Promise<UserDto[]> {
  await requireAction(app, { actor: input.actor, action: 'cr:ManageUser', target: { kind: 'instance' } });
  const users = await app.db.user.findMany({
    where: { username: { startsWith: input.prefix, mode: 'insensitive' } },
    select: USER_DTO_SELECT,
    orderBy: { username: 'asc' },
    take: input.limit,
  });
  return users.map(toUserDto);
}
