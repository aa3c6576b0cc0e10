import { isUniqueViolation } from '@/lib/db/client';
import { DomainError } from '@/lib/errors/domain-error';
import type { CreateUserInput, UserDto } from '@/lib/schemas/users';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireAction } from '@/lib/services/access/require-action';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { hashPassword } from './password';
import { toUserDto, USER_DTO_SELECT } from './user-dto';
import { auditResource } from '@/lib/services/access/audit-resource';

export async function createUser(app: AppContext, input: { actor: Actor; data: CreateUserInput }): Promise<UserDto> {
  const { actor, data } = input;
  await requireAction(app, { actor, action: 'cr:ManageUser', target: { kind: 'instance' } });
  try {
    const user = await app.db.user.create({
      data: { username: data.username, passwordHash: await hashPassword(data.password), isAdmin: data.isAdmin, namespaceLimit: data.namespaceLimit ?? null },
      select: USER_DTO_SELECT,
    });
    await recordAuditEvent(app, { actor, action: 'cr:ManageUser', ...auditResource(app, { kind: 'user', name: data.username }), outcome: 'allowed', detail: { op: 'create', isAdmin: data.isAdmin } });
    return toUserDto(user);
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DomainError('conflict', `user "${data.username}" already exists`, { fields: [{ path: 'username', message: 'already taken' }] });
    }
    throw err;
  }
}
