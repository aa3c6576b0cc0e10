import type { IncomingMessage } from 'node:http';
import { TokenError } from '@/lib/auth/registry-token';
import { RegistryError } from '@/lib/errors/registry-error';
import { actorFromBearer } from '@/lib/services/auth/actor-from-bearer';
import { authenticateCredentials } from '@/lib/services/auth/authenticate-credentials';
import { ThrottledError } from '@/lib/services/auth/throttle';
import { clientAddress } from '@/lib/server/client-address';
import type { Actor, AppContext, Origin } from '@/lib/services/context';

/**
 * The caller of a /v2 request: a registry bearer token (the Docker token flow), HTTP Basic with a password or
 * personal access token, or anonymous. Bad credentials are a 401, never a silent downgrade to anonymous.
 */
export async function resolveActor(app: AppContext, req: IncomingMessage, via: Origin['via'] = 'registry'): Promise<Actor> {
  const origin: Origin = { ip: requestAddress(app, req), via };
  const header = req.headers.authorization;
  if (!header) return { kind: 'anonymous', origin };
  const bearer = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,8192})$/i.exec(header.trim());
  if (bearer) {
    try {
      return await actorFromBearer(app, bearer[1]!, origin);
    } catch (err) {
      if (err instanceof TokenError) throw new RegistryError('UNAUTHORIZED', `invalid token: ${err.message}`).withScope('');
      throw err;
    }
  }
  // Some clients send empty Basic credentials (`:`) when they have none: that is an anonymous request.
  if (/^Basic\s+(Og==|)$/i.test(header.trim())) return { kind: 'anonymous', origin };
  const basic = parseBasic(header);
  if (!basic) throw new RegistryError('UNAUTHORIZED', 'unsupported authorization scheme');
  try {
    const user = await authenticateCredentials(app, { username: basic.username, secret: basic.password, origin });
    if (!user) throw new RegistryError('UNAUTHORIZED', 'invalid username or password');
    return user;
  } catch (err) {
    if (err instanceof ThrottledError) {
      throw new RegistryError('TOOMANYREQUESTS', err.message).withHeaders({ 'Retry-After': String(err.retryAfterSeconds) });
    }
    throw err;
  }
}

/** The client's address (X-Forwarded-For only through BERTH_TRUSTED_PROXIES; see client-address.ts). */
export function requestAddress(app: AppContext, req: IncomingMessage): string | undefined {
  return clientAddress(app.config.trustedProxies, req.socket.remoteAddress, req.headers['x-forwarded-for']);
}

export function parseBasic(header: string): { username: string; password: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]{1,4096})$/i.exec(header.trim());
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i <= 0) return null;
  return { username: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

/** Base URL clients reach this server at: BERTH_PUBLIC_URL, else the Host they used. */
export function publicBaseUrl(app: AppContext, req: IncomingMessage): string {
  if (app.config.publicUrl) return app.config.publicUrl;
  const host = (req.headers.host ?? `${app.config.host}:${app.config.port}`).replace(/[^A-Za-z0-9.:[\]-]/g, '');
  return `http://${host}`;
}

/**
 * The Docker token-auth challenge. `needed` is the scope the request needs (named on every repository or catalog
 * request, so that a client can ask the token endpoint for exactly that). `failure` says why a bearer token was
 * refused: a scope it lacked (`error="insufficient_scope"`), or empty for a token refused outright
 * (`error="invalid_token"`). Without `needed`, the scope the token lacked is named.
 */
export function challengeHeaders(app: AppContext, req: IncomingMessage, failure?: string, needed?: string): Record<string, string> {
  let value = `Bearer realm="${publicBaseUrl(app, req)}/auth/token",service="${app.config.service}"`;
  const scope = needed ?? (failure || undefined);
  if (scope) value += `,scope="${scope}"`;
  if (failure) value += ',error="insufficient_scope"';
  else if (failure === '') value += ',error="invalid_token"';
  return { 'WWW-Authenticate': value };
}
