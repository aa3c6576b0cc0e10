import { DomainError } from '@/lib/errors/domain-error';
import type { UserDto } from '@/lib/schemas/users';
import type { Actor, AppContext } from '@/lib/services/context';
import { toUserDto, USER_DTO_SELECT } from './user-dto';

export async function getCurrentUser(app: AppContext, input: { actor: Actor }): Promise<UserDto> {
  if (input.actor.kind !== 'user') throw new DomainError('unauthenticated', 'sign in or send an access token');
  const user = await app.db.user.findUniqueOrThrow({ where: { id: input.actor.id }, select: USER_DTO_SELECT });
  return toUserDto(user);
}
