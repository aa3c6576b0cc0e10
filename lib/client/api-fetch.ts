// Same-origin calls to the REST API from client components. The session cookie goes along by itself; errors come
// back as the API's `{error: {code, message, details?}}` and are thrown as ApiError so forms can place field errors.

export interface ApiFieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: ApiFieldError[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type ErrorBody = { error?: { code?: string; message?: string; details?: { fields?: ApiFieldError[] } & Record<string, unknown> } };

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

export async function apiFetch<T>(path: string, req: ApiRequest = {}): Promise<T> {
  const res = await fetch(path, {
    method: req.method ?? 'GET',
    headers: req.body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
    credentials: 'same-origin',
    cache: 'no-store',
    signal: req.signal,
  });
  return readApiResponse<T>(res);
}

/**
 * The JSON body of an API response; for an error status, the API's `{error}` thrown as ApiError (with the status
 * text, else `fallback`, as its message when the body says none).
 */
export async function readApiResponse<T>(res: Response, fallback = 'request failed'): Promise<T> {
  const text = res.status === 204 ? '' : await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as ErrorBody | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? (res.statusText || fallback), err?.details?.fields ?? [], err?.details ?? {});
  }
  return data as T;
}

/** Builds `path?k=v…`, leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export function isApiError(err: unknown, status?: number): err is ApiError {
  return err instanceof ApiError && (status === undefined || err.status === status);
}
