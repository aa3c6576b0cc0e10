import { decodeProtectedHeader } from 'jose';
import { LRUCache } from 'lru-cache';
import { TokenError, verifyRegistryToken, type RegistryTokenClaims } from '@/lib/auth/registry-token';
import type { Actor, AppContext, Origin, RegistryAccess, RegistryAction, UserActor } from '@/lib/services/context';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { getKeySetFor } from './signing-keys';

export const TOKEN_ISSUER = 'berth';

/** Verifies a registry bearer token and returns who it speaks for, limited to the access it carries. */
export async function actorFromBearer(app: AppContext, token: string, origin?: Origin, audience = app.config.service): Promise<Actor> {
  const claims = await verifyToken(app, token, audience);
  const registryAccess = toAccess(claims);
  if (claims.sub === '') return { kind: 'anonymous', origin, registryAccess };
  if (!claims.uid) throw new TokenError('malformed', 'token has no user id');
  const actor: UserActor = { kind: 'user', id: claims.uid, username: claims.sub, isAdmin: false, origin, registryAccess, accessTokenId: claims.pat };
  if (claims.sv !== undefined) actor.sessionVersion = claims.sv;
  // The access profile is loaded once per request anyway (and memoized on this actor): it also says whether the
  // user is still active, so a disabled user's tokens stop working at once without a separate lookup.
  const profile = await loadAccessProfile(app, actor);
  if (!profile.active) throw new TokenError('malformed', 'token subject is not an active user');
  actor.isAdmin = profile.isAdmin;
  let tokenLimits: { readOnly: boolean; namespaces: string[] } | undefined;
  if (claims.pat) {
    const pat = await app.db.accessToken.findUnique({ where: { id: claims.pat }, select: { revokedAt: true, expiresAt: true, readOnly: true, namespaces: true } });
    if (!pat || pat.revokedAt || (pat.expiresAt && pat.expiresAt <= new Date())) throw new TokenError('malformed', 'access token was revoked');
    tokenLimits = { readOnly: pat.readOnly, namespaces: pat.namespaces };
  }
  // Tokens issued from a revoked or expired access token stop working at once too.
  if (tokenLimits) actor.tokenLimits = tokenLimits;
  return actor;
}

export async function verifyToken(app: AppContext, token: string, audience: string): Promise<RegistryTokenClaims> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw new TokenError('malformed', 'token is malformed');
  }
  const keys = await getKeySetFor(app, kid);
  const cacheKey = `${audience}\n${token}`;
  let verified = verifiedTokens.get(app);
  if (!verified) verifiedTokens.set(app, (verified = new LRUCache({ max: MAX_VERIFIED_TOKENS })));
  const hit = verified.get(cacheKey);
  if (hit && hit.exp * 1000 > Date.now() && kid !== undefined && keys.publicKeys.has(kid)) return hit;
  const claims = await verifyRegistryToken(token, { publicKeys: keys.publicKeys, issuer: TOKEN_ISSUER, audience });
  verified.set(cacheKey, claims);
  return claims;
}

/**
 * Tokens whose signature this process has checked, until they expire. A client sends the same token with every
 * request of a pull or push, and checking an ES256 signature costs more than the rest of a blob request's
 * authentication. Keyed by the whole token and audience, so only the very same bytes hit; a hit still checks expiry
 * (the token's own, by the clock) and that the signing key is still in use, and the user and any access token
 * behind it are looked up as on a miss. A token is a few hundred bytes: 10,000 of them stay within a few MiB.
 */
const verifiedTokens = new WeakMap<AppContext, LRUCache<string, RegistryTokenClaims>>();
const MAX_VERIFIED_TOKENS = 10_000;

function toAccess(claims: RegistryTokenClaims): RegistryAccess {
  const repositories = new Map<string, Set<RegistryAction>>();
  let catalog = false;
  for (const a of claims.access) {
    if (a.type === 'registry' && a.name === 'catalog') catalog = true;
    if (a.type !== 'repository') continue;
    const set = repositories.get(a.name) ?? new Set<RegistryAction>();
    for (const action of a.actions) if (action === 'pull' || action === 'push' || action === 'delete') set.add(action);
    repositories.set(a.name, set);
  }
  return { repositories, catalog };
}
