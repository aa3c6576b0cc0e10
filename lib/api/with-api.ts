import { z } from 'zod';
import { AppError, type FieldError } from '@/lib/errors/app-error';
import type { Action } from '@/lib/access/actions';
import { DomainError, type DomainErrorKind } from '@/lib/errors/domain-error';
import { assertAuthorized } from '@/lib/services/access/authorize';
import { RegistryError } from '@/lib/errors/registry-error';
import { getAppContext } from '@/lib/server/app-context-global';
import type { Actor, AppContext } from '@/lib/services/context';
import { findUnsafeText, isUnsafeText, UNSAFE_TEXT_MESSAGE } from '@/lib/text/unsafe-text';
import { resolveApiActor } from './resolve-api-actor';
import { changesState, hasSessionCookie, isSameOrigin, mediaTypeOf } from './same-origin';
import { isStorageFullError, STORAGE_FULL_MESSAGE } from '@/lib/storage/driver';

export interface ApiContext<P> {
  req: Request;
  app: AppContext;
  actor: Actor;
  params: P;
  url: URL;
}

type RouteContext<P> = { params: Promise<P> };

/**
 * How a route is authorized: every route declares one, so a new route cannot forget it.
 * - `{ public: true }`: anonymous callers reach the handler too; the service answers them per resource (public
 *   repositories, hidden means absent).
 * - `{ authorize: 'in-service' }`: only signed-in callers (session, access token or Basic) reach the handler, and
 *   the service it calls authorizes each resource through the gate (lib/services/access/authorize.ts).
 * - `{ action: 'cr:…' }`: the gate decides this action on the installation before the handler runs (and the
 *   service may check again); for installation-wide routes such as user and policy management.
 */
export type ApiAuthorization = { public: true } | { authorize: 'in-service' } | { action: Action };

export type ApiOptions = ApiAuthorization & {
  status?: number;
  /** Media types a cookie-authenticated request body may have; `application/json` unless a route says otherwise. */
  bodyTypes?: readonly string[];
};

/**
 * Wraps a REST route handler: resolves the caller, runs the handler, and turns every error into the API's error
 * shape `{error: {code, message, details?}}` in one place. Handlers return data (sent as JSON with `status`)
 * or a Response. The route's declared authorization (ApiAuthorization) is enforced first. Cookie-authenticated
 * changes must come from Berth's own pages (see same-origin.ts); path and query text Postgres cannot store is a
 * VALIDATION_FAILED naming the parameter.
 */
export function withApi<P = Record<string, never>>(handler: (ctx: ApiContext<P>) => Promise<unknown>, opts: ApiOptions) {
  return async (req: Request, route: RouteContext<P>): Promise<Response> => {
    try {
      const app = getAppContext();
      checkCrossSite(req, app.config.publicUrl, opts.bodyTypes ?? ['application/json']);
      const params = decodeParams((await route.params) ?? ({} as P));
      const url = new URL(req.url);
      checkText(params as Record<string, unknown>, url);
      const actor = await resolveApiActor(app, req);
      if (!('public' in opts && opts.public) && actor.kind === 'anonymous') throw new AppError('UNAUTHORIZED', 'sign in or send an access token');
      if ('action' in opts) await assertAuthorized(app, actor, opts.action, { kind: 'instance' });
      const result = await handler({ req, app, actor, params, url });
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: opts.status ?? 204 });
      return Response.json(result, { status: opts.status ?? 200, headers: { 'Cache-Control': 'no-store' } });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

export function errorResponse(err: unknown): Response {
  const e = toAppError(err);
  if (e.status >= 500) console.error(`[berth] api error: ${(err as Error)?.stack ?? err}`);
  return Response.json(e.toBody(), { status: e.status, headers: { 'Cache-Control': 'no-store', ...e.headers } });
}

const REGISTRY_TO_APP: Partial<Record<RegistryError['code'], AppError['code']>> = {
  NAME_UNKNOWN: 'NOT_FOUND',
  MANIFEST_UNKNOWN: 'NOT_FOUND',
  BLOB_UNKNOWN: 'NOT_FOUND',
  DENIED: 'FORBIDDEN',
  UNAUTHORIZED: 'UNAUTHORIZED',
  TOOMANYREQUESTS: 'RATE_LIMITED',
  NAME_INVALID: 'VALIDATION_FAILED',
};

// The REST API's edge for the service layer's DomainError.
const DOMAIN_TO_APP: Record<DomainErrorKind, AppError['code']> = {
  absent: 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
  unauthenticated: 'UNAUTHORIZED',
  invalid: 'VALIDATION_FAILED',
  'bad-request': 'BAD_REQUEST',
  conflict: 'CONFLICT',
  'limit-exceeded': 'LIMIT_EXCEEDED',
  'rate-limited': 'RATE_LIMITED',
  'too-large': 'PAYLOAD_TOO_LARGE',
  'not-scanned': 'SCAN_UNKNOWN',
};

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof DomainError) {
    const { retryAfterSeconds: _retry, ...details } = err.details;
    const e = new AppError(DOMAIN_TO_APP[err.kind], err.message, Object.keys(details).length ? details : undefined);
    if (err.details.retryAfterSeconds !== undefined) e.headers['Retry-After'] = String(err.details.retryAfterSeconds);
    return e;
  }
  if (err instanceof RegistryError) {
    const e = new AppError(REGISTRY_TO_APP[err.code] ?? (err.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'), err.message);
    return e;
  }
  if (err instanceof z.ZodError) return validationError(err);
  if (isStorageFullError(err)) return new AppError('INSUFFICIENT_STORAGE', STORAGE_FULL_MESSAGE);
  return new AppError('INTERNAL', 'internal error');
}

export function validationError(err: z.ZodError): AppError {
  const fields: FieldError[] = err.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  return new AppError('VALIDATION_FAILED', fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
}

/**
 * Parses a JSON body (at most 1 MiB, read as it arrives so a larger one is cut off rather than buffered) with a
 * schema; field errors, and text Postgres cannot store, come back as VALIDATION_FAILED.
 */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const text = await readBoundedText(req, MAX_JSON_BODY);
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    throw new AppError('BAD_REQUEST', 'request body is not valid JSON');
  }
  const unsafe = findUnsafeText(data);
  if (unsafe !== null) throw fieldError(unsafe, UNSAFE_TEXT_MESSAGE);
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

const MAX_JSON_BODY = 1024 * 1024;

async function readBoundedText(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > limit) throw new AppError('PAYLOAD_TOO_LARGE', 'request body is larger than 1 MiB');
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      void reader.cancel().catch(() => undefined);
      throw new AppError('PAYLOAD_TOO_LARGE', 'request body is larger than 1 MiB');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${path}: ${message}`, { fields: [{ path, message }] });
}

function checkText(params: Record<string, unknown>, url: URL): void {
  for (const [k, v] of Object.entries(params)) {
    const values = Array.isArray(v) ? v : [v];
    if (values.some((x) => typeof x === 'string' && isUnsafeText(x))) throw fieldError(k, UNSAFE_TEXT_MESSAGE);
  }
  for (const [k, v] of url.searchParams) {
    if (isUnsafeText(k) || isUnsafeText(v)) throw fieldError(isUnsafeText(k) ? '(query)' : k, UNSAFE_TEXT_MESSAGE);
  }
}

function checkCrossSite(req: Request, publicUrl: string | undefined, bodyTypes: readonly string[]): void {
  // Bearer and Basic callers are not browsers riding on a cookie; only the session cookie can be forged with.
  if (req.headers.has('authorization') || !changesState(req.method) || !hasSessionCookie(req.headers.get('cookie'))) return;
  if (!isSameOrigin(req.headers, publicUrl)) {
    throw new AppError('CSRF_REJECTED', 'a change made with the console\'s session must come from the console itself (Origin, Sec-Fetch-Site or Referer did not match this site)');
  }
  const type = req.headers.get('content-type');
  const hasBody = Number(req.headers.get('content-length') ?? 0) > 0 || req.headers.has('transfer-encoding');
  if ((type !== null || hasBody) && !bodyTypes.includes(mediaTypeOf(type))) {
    throw new AppError('CSRF_REJECTED', `a change made with the console's session must be sent as ${bodyTypes.join(' or ')}`);
  }
}

function decodeParams<P>(params: P): P {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params as Record<string, unknown>)) {
    out[k] = typeof v === 'string' ? safeDecode(v) : Array.isArray(v) ? v.map((x) => safeDecode(String(x))) : v;
  }
  return out as P;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
