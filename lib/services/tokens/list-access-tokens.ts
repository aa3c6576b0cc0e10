import type { TokenDto } from '@/lib/schemas/tokens';
import type { Actor, AppContext } from '@/lib/services/context';
import { ACCESS_TOKEN_DTO_SELECT, toTokenDto } from './access-token-dto';
import { resolveTokenOwner } from './resolve-token-owner';

// Active tokens are capped at 100; revoked and expired ones stay listed for the record, newest first.
const LIST_LIMIT = 1000;

/** The caller's tokens, or with `username` that user's (cr:ManageUser). Never the secret or its hash. */
export async function listAccessTokens(app: AppContext, input: { actor: Actor; username?: string }): Promise<TokenDto[]> {
  const owner = await resolveTokenOwner(app, input);
  const rows = await app.db.accessToken.findMany({
    where: { userId: owner.id },
    select: ACCESS_TOKEN_DTO_SELECT,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: LIST_LIMIT,
  });
  const now = new Date();
  return rows.map((row) => toTokenDto(row, now));
}
