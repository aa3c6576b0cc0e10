import { setAppContext } from '@/lib/server/app-context-global';
import type { TestRegistry, TestUser } from './registry';

// Any route export: its params type varies per route, so the test passes whatever params the call names.
type RouteHandler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;

export interface ApiCall {
  method?: string;
  /** Path and query, e.g. `/api/v1/users?x=1` (only used to build the Request URL). */
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  /** A user (Basic auth with their password), a raw Authorization header value, or nobody. */
  as?: TestUser | { authorization: string } | null;
}

/**
 * Calls a REST route handler (an export of an app/api route.ts) directly, against the test registry's database.
 * Requests carry Basic or Bearer credentials; console-session auth is exercised by the browser tests.
 */
export async function callApi(reg: TestRegistry, handler: RouteHandler, call: ApiCall): Promise<{ status: number; body: any; headers: Headers }> {
  setAppContext(reg.app);
  const headers: Record<string, string> = {};
  if (call.as && 'authorization' in call.as) headers.authorization = call.as.authorization;
  else if (call.as) headers.authorization = reg.basic(call.as);
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const req = new Request(`${reg.url}${call.path}`, {
    method: call.method ?? 'GET',
    headers,
    body: call.body === undefined ? undefined : typeof call.body === 'string' ? call.body : JSON.stringify(call.body),
  });
  const res = await handler(req, { params: Promise.resolve(call.params ?? {}) });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}

/** Route params for a full repository name (`team/app`, `team/tools/cli`): the rest percent-encoded in one segment. */
export function repoParams(full: string): { namespace: string; repository: string } {
  const i = full.indexOf('/');
  return { namespace: full.slice(0, i), repository: encodeURIComponent(full.slice(i + 1)) };
}

/** Field paths of a VALIDATION_FAILED body. */
export function fieldPaths(body: { error: { details?: { fields?: Array<{ path: string }> } } }): string[] {
  return (body.error.details?.fields ?? []).map((f) => f.path).sort();
}
