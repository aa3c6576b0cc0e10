import { decodeProtectedHeader } from 'jose';
import { TokenError, verifyRegistryToken, type RegistryTokenClaims } from '@/lib/auth/registry-token';
import type { Actor, AppContext, Origin, RegistryAccess, RegistryAction } from '@/lib/services/context';
import { getKeySetFor } from './signing-keys';

export const TOKEN_ISSUER = 'berth';

/** Verifies a registry bearer token and returns who it speaks for, limited to the access it carries. */
export async function actorFromBearer(app: AppContext, token: string, origin?: Origin, audience = app.config.service): Promise<Actor> {
  const claims = await verifyToken(app, token, audience);
  const registryAccess = toAccess(claims);
  if (claims.sub === '') return { kind: 'anonymous', origin, registryAccess };
  const user = await app.db.user.findUnique({ where: { username: claims.sub }, select: { id: true, username: true, isAdmin: true, disabled: true } });
  // A disabled user's tokens stop working at once, as do tokens issued from a revoked access token.
  if (!user || user.disabled) throw new TokenError('malformed', 'token subject is not an active user');
  let tokenLimits: { readOnly: boolean; namespaces: string[] } | undefined;
  if (claims.pat) {
    const pat = await app.db.accessToken.findUnique({ where: { id: claims.pat }, select: { revokedAt: true, expiresAt: true, readOnly: true, namespaces: true } });
    if (!pat || pat.revokedAt || (pat.expiresAt && pat.expiresAt <= new Date())) throw new TokenError('malformed', 'access token was revoked');
    tokenLimits = { readOnly: pat.readOnly, namespaces: pat.namespaces };
  }
  return { kind: 'user', id: user.id, username: user.username, isAdmin: user.isAdmin, origin, registryAccess, tokenLimits, accessTokenId: claims.pat };
}

export async function verifyToken(app: AppContext, token: string, audience: string): Promise<RegistryTokenClaims> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw new TokenError('malformed', 'token is malformed');
  }
  const keys = await getKeySetFor(app, kid);
  return verifyRegistryToken(token, { publicKeys: keys.publicKeys, issuer: TOKEN_ISSUER, audience });
}

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
