import { DomainError } from '@/lib/errors/domain-error';
import { MAX_ACTIVE_TOKENS_PER_USER, type CreatedTokenDto, type CreateTokenInput } from '@/lib/schemas/tokens';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { ACCESS_TOKEN_DTO_SELECT, toTokenDto } from './access-token-dto';
import { displayPrefix, generateTokenSecret, hashTokenSecret } from './token-secret';
import { auditResource } from '@/lib/services/access/audit-resource';

const DAY_MS = 86_400_000;

/**
 * Creates a personal access token for the caller. The secret is returned once; only its SHA-256 is stored.
 * Only a password or console session may create one: a token that could mint tokens would outlive its own
 * revocation and escape its own limits (read-only, namespaces).
 */
export async function createAccessToken(app: AppContext, input: { actor: Actor; data: CreateTokenInput }): Promise<CreatedTokenDto> {
  const { actor, data } = input;
  if (actor.kind !== 'user') throw new DomainError('unauthenticated', 'sign in to create access tokens');
  if (actor.accessTokenId) throw new DomainError('forbidden', 'access tokens cannot create access tokens: sign in with your password');
  const secret = generateTokenSecret();
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * DAY_MS) : null;
  const created = await app.db.$transaction(async (tx) => {
    // Serialises concurrent creations by one user, so the count below cannot be overshot.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${'access-tokens:' + actor.id}))`;
    const now = new Date();
    const active = await tx.accessToken.count({
      where: { userId: actor.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    });
    if (active >= MAX_ACTIVE_TOKENS_PER_USER) return null;
    return tx.accessToken.create({
      data: {
        userId: actor.id,
        name: data.name,
        tokenHash: hashTokenSecret(secret),
        prefix: displayPrefix(secret),
        readOnly: data.readOnly,
        namespaces: data.namespaces,
        expiresAt,
      },
      select: ACCESS_TOKEN_DTO_SELECT,
    });
  });
  if (!created) {
    throw new DomainError('limit-exceeded', `you have ${MAX_ACTIVE_TOKENS_PER_USER} active access tokens, the most allowed: revoke one first`, {
      limit: MAX_ACTIVE_TOKENS_PER_USER,
    });
  }
  await recordAuditEvent(app, {
    actor,
    action: 'auth:CreateAccessToken',
    ...auditResource(app, { kind: 'token', owner: actor.username, id: created.id }),
    outcome: 'allowed',
    detail: { name: created.name, prefix: created.prefix, readOnly: created.readOnly, namespaces: created.namespaces, expiresAt: created.expiresAt?.toISOString() ?? null },
  });
  const { id, name, prefix, readOnly, namespaces, expiresAt: exp, createdAt } = toTokenDto(created);
  return { token: { id, name, prefix, readOnly, namespaces, expiresAt: exp, createdAt }, secret };
}
