import { absent, DomainError } from '@/lib/errors/domain-error';
import type { UpdateUserInput, UserDto } from '@/lib/schemas/users';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireAction } from '@/lib/services/access/require-action';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { hashPassword } from './password';
import { toUserDto, USER_DTO_SELECT } from './user-dto';
import { auditResource } from '@/lib/services/access/audit-resource';

/** Admin changes to a user: disable/enable, reset password, admin flag, namespace limit. */
export async function updateUser(app: AppContext, input: { actor: Actor; username: string; data: UpdateUserInput }): Promise<UserDto> {
  const { actor, data } = input;
  await requireAction(app, { actor, action: 'cr:ManageUser', target: { kind: 'instance' } });
  const existing = await app.db.user.findUnique({ where: { username: input.username }, select: { id: true } });
  if (!existing) throw absent(`user "${input.username}"`);
  if (actor.kind === 'user' && actor.id === existing.id && (data.disabled === true || data.isAdmin === false)) {
    throw new DomainError('bad-request', 'you cannot disable yourself or remove your own admin rights');
  }
  const user = await app.db.user.update({
    where: { id: existing.id },
    data: {
      // A new password ends the user's console sessions and registry refresh tokens (see Actor.sessionVersion).
      ...(data.password ? { passwordHash: await hashPassword(data.password), sessionVersion: { increment: 1 } } : {}),
      ...(data.disabled === undefined ? {} : { disabled: data.disabled }),
      ...(data.isAdmin === undefined ? {} : { isAdmin: data.isAdmin }),
      ...(data.namespaceLimit === undefined ? {} : { namespaceLimit: data.namespaceLimit }),
    },
    select: USER_DTO_SELECT,
  });
  const changed = Object.keys(data).map((k) => (k === 'password' ? 'password-reset' : k));
  await recordAuditEvent(app, { actor, action: 'cr:ManageUser', ...auditResource(app, { kind: 'user', name: input.username }), outcome: 'allowed', detail: { op: 'update', changed } });
  return toUserDto(user);
}
