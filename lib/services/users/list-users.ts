import type { UserDto } from '@/lib/schemas/users';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireAction } from '@/lib/services/access/require-action';
import { toUserDto, USER_DTO_SELECT } from './user-dto';

export async function listUsers(app: AppContext, input: { actor: Actor }): Promise<UserDto[]> {
  await requireAction(app, { actor: input.actor, action: 'cr:ManageUser', target: { kind: 'instance' } });
  const users = await app.db.user.findMany({ select: USER_DTO_SELECT, orderBy: { username: 'asc' }, take: 10_000 });
  return users.map(toUserDto);
}
