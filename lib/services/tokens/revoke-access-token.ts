import { absent, DomainError } from '@/lib/errors/domain-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { resolveTokenOwner } from './resolve-token-owner';
import { auditResource } from '@/lib/services/access/audit-resource';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Revokes one of the caller's tokens, or with `username` one of that user's (cr:ManageUser). Someone else's token
 * answers as a missing one. It stops working at once: every request looks the token up. Revoking a revoked token
 * changes nothing.
 */
export async function revokeAccessToken(app: AppContext, input: { actor: Actor; id: string; username?: string }): Promise<void> {
  const { actor } = input;
  if (actor.kind === 'user' && actor.tokenLimits?.readOnly) throw new DomainError('forbidden', 'a read-only access token cannot revoke tokens');
  const owner = await resolveTokenOwner(app, input);
  if (!UUID.test(input.id)) throw absent('access token');
  const { count } = await app.db.accessToken.updateMany({
    where: { id: input.id, userId: owner.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) {
    const exists = await app.db.accessToken.count({ where: { id: input.id, userId: owner.id } });
    if (!exists) throw absent('access token');
    return;
  }
  await recordAuditEvent(app, {
    actor,
    action: 'auth:RevokeAccessToken',
    ...auditResource(app, { kind: 'token', owner: owner.username, id: input.id }),
    outcome: 'allowed',
    ...(input.username === undefined ? {} : { detail: { owner: owner.username } }),
  });
}
