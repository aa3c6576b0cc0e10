import { z } from 'zod';
import { AppError, type FieldError } from '@/lib/errors/app-error';
import { RegistryError } from '@/lib/errors/registry-error';
import { getAppContext } from '@/lib/server/app-context-global';
import type { Actor, AppContext } from '@/lib/services/context';
import { resolveApiActor } from './resolve-api-actor';
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
 * Wraps a REST route handler: resolves the caller, runs the handler, and turns every error into the API's error
 * shape `{error: {code, message, details?}}` in one place. Handlers return data (sent as JSON with `status`)
 * or a Response. `auth: 'required'` refuses anonymous callers before the handler runs.
 */
export function withApi<P = Record<string, never>>(
  handler: (ctx: ApiContext<P>) => Promise<unknown>,
  opts: { status?: number; auth?: 'required' | 'optional' } = {},
) {
  return async (req: Request, route: RouteContext<P>): Promise<Response> => {
    try {
      const app = getAppContext();
      const actor = await resolveApiActor(app, req);
      if (opts.auth !== 'optional' && actor.kind === 'anonymous') throw new AppError('UNAUTHORIZED', 'sign in or send an access token');
      const params = decodeParams((await route.params) ?? ({} as P));
      const result = await handler({ req, app, actor, params, url: new URL(req.url) });
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

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
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

/** Parses a JSON body (at most 1 MiB) with a schema; field errors come back as VALIDATION_FAILED. */
export async function parseBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const text = await req.text();
  if (text.length > 1024 * 1024) throw new AppError('PAYLOAD_TOO_LARGE', 'request body is larger than 1 MiB');
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    throw new AppError('BAD_REQUEST', 'request body is not valid JSON');
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function parseQuery<S extends z.ZodType>(url: URL, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
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
