import { issueRegistryToken } from '@/lib/auth/registry-token';
import type { Scope } from '@/lib/auth/scope';
import type { Actor, AppContext } from '@/lib/services/context';
import { TOKEN_ISSUER } from './actor-from-bearer';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { grantScopes } from './grant-scopes';
import { getKeySet } from './signing-keys';

const REFRESH_TTL_SECONDS = 7 * 24 * 3600;

export interface IssuedToken {
  token: string;
  expiresIn: number;
  issuedAt: string;
  scope: string;
  refreshToken?: string;
}

/** A registry bearer token for the actor, carrying what it may do of what it asked for. */
export async function issueToken(
  app: AppContext,
  input: { actor: Actor; scopes: readonly Scope[]; withRefreshToken?: boolean },
): Promise<IssuedToken> {
  const { actor } = input;
  const access = await grantScopes(app, actor, input.scopes);
  const keys = await getKeySet(app);
  const subject = actor.kind === 'user' ? actor.username : '';
  const pat = actor.kind === 'user' ? actor.accessTokenId : undefined;
  const uid = actor.kind === 'user' ? actor.id : undefined;
  // Tokens of a password sign-in end with the password (or a sign-out); an access token's end with that token.
  const sv = actor.kind === 'user' && !actor.accessTokenId ? (actor.sessionVersion ?? (await loadAccessProfile(app, actor)).sessionVersion) : undefined;
  const issued = await issueRegistryToken({
    key: keys.signing,
    issuer: TOKEN_ISSUER,
    audience: app.config.service,
    subject,
    access,
    ttlSeconds: app.config.tokenTtlSeconds,
    pat,
    uid,
    sv,
  });
  let refreshToken: string | undefined;
  if (input.withRefreshToken && actor.kind === 'user') {
    // A refresh token is a token for a separate audience that carries no access of its own.
    refreshToken = (await issueRegistryToken({ key: keys.signing, issuer: TOKEN_ISSUER, audience: refreshAudience(app), subject, access: [], ttlSeconds: REFRESH_TTL_SECONDS, pat, uid, sv })).token;
  }
  const scope = access.map((a) => `${a.type}:${a.name}:${a.actions.join(',')}`).join(' ');
  return { token: issued.token, expiresIn: issued.expiresIn, issuedAt: issued.issuedAt, scope, refreshToken };
}

export function refreshAudience(app: AppContext): string {
  return `${app.config.service}#refresh`;
}
