import { AppError } from '@/lib/errors/app-error';
import type { UserDto } from '@/lib/schemas/users';
import type { Actor, AppContext } from '@/lib/services/context';
import { toUserDto, USER_DTO_SELECT } from './user-dto';

export async function getCurrentUser(app: AppContext, input: { actor: Actor }): Promise<UserDto> {
  if (input.actor.kind !== 'user') throw new AppError('UNAUTHORIZED', 'sign in or send an access token');
  const user = await app.db.user.findUniqueOrThrow({ where: { id: input.actor.id }, select: USER_DTO_SELECT });
  return toUserDto(user);
}
