import type { IncomingMessage, ServerResponse } from 'node:http';
import { TokenError } from '@/lib/auth/registry-token';
import { parseScope, ScopeError, type Scope } from '@/lib/auth/scope';
import { actorFromBearer } from '@/lib/services/auth/actor-from-bearer';
import { authenticateCredentials } from '@/lib/services/auth/authenticate-credentials';
import { issueToken, refreshAudience } from '@/lib/services/auth/issue-token';
import { ThrottledError } from '@/lib/services/auth/throttle';
import type { Actor, AppContext, Origin } from '@/lib/services/context';
import { isUnsafeText, UNSAFE_TEXT_MESSAGE } from '@/lib/text/unsafe-text';
import { parseBasic, requestAddress } from './resolve-actor';

// The Docker token endpoint (GET, with Basic credentials or none) and its OAuth2 form (POST, password and
// refresh_token grants), as docker, podman, skopeo and containerd use them.

class TokenRequestError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function createTokenEndpoint(app: AppContext) {
  return async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://token.invalid');
      const origin: Origin = { ip: requestAddress(app, req), via: 'token' };
      checkText(url.searchParams);
      if (req.method === 'GET') return send(res, 200, await handleGet(app, req, url, origin));
      if (req.method === 'POST') return send(res, 200, await handlePost(app, req, origin));
      throw new TokenRequestError(405, 'invalid_request', 'use GET or POST', { Allow: 'GET, POST' });
    } catch (err) {
      if (err instanceof TokenRequestError) {
        return send(res, err.status, { error: err.error, error_description: err.message, errors: [{ code: codeFor(err.status), message: err.message }] }, err.headers);
      }
      console.error(`[berth] token endpoint: ${(err as Error)?.stack ?? err}`);
      send(res, 500, { error: 'server_error', errors: [{ code: 'UNKNOWN', message: 'internal error' }] });
    }
  };
}

async function handleGet(app: AppContext, req: IncomingMessage, url: URL, origin: Origin) {
  checkService(app, url.searchParams.get('service'));
  const scopes = parseScopes(url.searchParams.getAll('scope'));
  let actor: Actor = { kind: 'anonymous', origin };
  const header = req.headers.authorization;
  if (header) {
    const basic = parseBasic(header);
    if (!basic) throw new TokenRequestError(401, 'invalid_client', 'credentials must be HTTP Basic', basicChallenge());
    actor = await authenticate(app, basic.username, basic.password, origin, 401);
  }
  const offline = url.searchParams.get('offline_token') === 'true';
  const issued = boundedToken(await issueToken(app, { actor, scopes, withRefreshToken: offline }));
  return {
    token: issued.token,
    access_token: issued.token,
    expires_in: issued.expiresIn,
    issued_at: issued.issuedAt,
    ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
  };
}

async function handlePost(app: AppContext, req: IncomingMessage, origin: Origin) {
  const form = new URLSearchParams(await readForm(req));
  checkText(form);
  checkService(app, form.get('service'));
  const scopes = parseScopes(form.getAll('scope'));
  const grant = form.get('grant_type');
  let actor: Actor;
  if (grant === 'password') {
    const username = form.get('username');
    const password = form.get('password');
    if (!username || !password) throw new TokenRequestError(400, 'invalid_request', 'username and password are required');
    actor = await authenticate(app, username, password, origin, 400);
  } else if (grant === 'refresh_token') {
    actor = await fromRefreshToken(app, form.get('refresh_token'), origin);
  } else {
    throw new TokenRequestError(400, 'unsupported_grant_type', 'grant_type must be password or refresh_token');
  }
  const issued = boundedToken(await issueToken(app, { actor, scopes, withRefreshToken: form.get('access_type') === 'offline' }));
  return {
    access_token: issued.token,
    token: issued.token,
    scope: issued.scope,
    expires_in: issued.expiresIn,
    issued_at: issued.issuedAt,
    ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
  };
}

function checkText(params: URLSearchParams): void {
  for (const [k, v] of params) {
    if (isUnsafeText(k) || isUnsafeText(v)) throw new TokenRequestError(400, 'invalid_request', `parameter "${isUnsafeText(k) ? '?' : k}" ${UNSAFE_TEXT_MESSAGE}`);
  }
}

function boundedToken<T extends { token: string }>(issued: T): T {
  if (issued.token.length > MAX_TOKEN_BYTES) throw new TokenRequestError(400, 'invalid_scope', 'the requested scopes make too large a token; ask for fewer');
  return issued;
}

async function authenticate(app: AppContext, username: string, secret: string, origin: Origin, status: 400 | 401): Promise<Actor> {
  try {
    const user = await authenticateCredentials(app, { username, secret, origin });
    if (user) return user;
  } catch (err) {
    if (err instanceof ThrottledError) {
      throw new TokenRequestError(429, 'slow_down', err.message, { 'Retry-After': String(err.retryAfterSeconds) });
    }
    throw err;
  }
  throw new TokenRequestError(status, status === 401 ? 'invalid_client' : 'invalid_grant', 'invalid username or password', status === 401 ? basicChallenge() : {});
}

async function fromRefreshToken(app: AppContext, token: string | null, origin: Origin): Promise<Actor> {
  if (!token) throw new TokenRequestError(400, 'invalid_request', 'refresh_token is required');
  try {
    // Re-checks the user (disabled?) and the access token behind it (revoked?) exactly as a bearer token would.
    const actor = await actorFromBearer(app, token, origin, refreshAudience(app));
    if (actor.kind !== 'user') throw new TokenRequestError(400, 'invalid_grant', 'refresh token has no subject');
    return { ...actor, registryAccess: undefined };
  } catch (err) {
    if (err instanceof TokenError) throw new TokenRequestError(400, 'invalid_grant', `invalid refresh token: ${err.message}`);
    throw err;
  }
}

function checkService(app: AppContext, service: string | null) {
  if (service !== null && service !== app.config.service) {
    throw new TokenRequestError(400, 'invalid_request', `unknown service "${service.slice(0, 100)}"; this registry is "${app.config.service}"`);
  }
}

// Scopes come as repeated parameters and space-separated within one: the cap counts them after splitting, and
// the text as a whole is bounded too, so one request cannot make the registry look up thousands of repositories
// or sign a token of hundreds of kilobytes.
const MAX_SCOPES = 50;
const MAX_SCOPE_TEXT = 16 * 1024;
const MAX_TOKEN_BYTES = 32 * 1024;

function parseScopes(values: string[]): Scope[] {
  const scopes: Scope[] = [];
  const count = values.reduce((n, v) => n + v.split(' ').filter(Boolean).length, 0);
  if (count > MAX_SCOPES) throw new TokenRequestError(400, 'invalid_scope', `too many scopes: ${count} (at most ${MAX_SCOPES})`);
  if (values.reduce((n, v) => n + v.length, 0) > MAX_SCOPE_TEXT) throw new TokenRequestError(400, 'invalid_scope', 'scope text is too long');
  try {
    for (const v of values) scopes.push(...parseScope(v));
  } catch (err) {
    if (err instanceof ScopeError) throw new TokenRequestError(400, 'invalid_scope', err.message);
    throw err;
  }
  return scopes;
}

async function readForm(req: IncomingMessage): Promise<string> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new TokenRequestError(400, 'invalid_request', 'body must be application/x-www-form-urlencoded');
  }
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 64 * 1024) throw new TokenRequestError(413, 'invalid_request', 'body too large');
  }
  return body;
}

function basicChallenge(): Record<string, string> {
  return { 'WWW-Authenticate': 'Basic realm="Berth registry", charset="UTF-8"' };
}

function codeFor(status: number): string {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 429) return 'TOOMANYREQUESTS';
  return 'UNSUPPORTED';
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(data.length), 'Cache-Control': 'no-store', ...headers });
  res.end(data);
}
