import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '@/lib/errors/app-error';
import { DomainError, type DomainErrorKind } from '@/lib/errors/domain-error';
import { RegistryError, type RegistryErrorCode } from '@/lib/errors/registry-error';

export const API_VERSION_HEADER = { 'Docker-Distribution-API-Version': 'registry/2.0' } as const;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...API_VERSION_HEADER, 'Content-Type': 'application/json', 'Content-Length': String(data.length), ...headers });
  res.end(data);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...API_VERSION_HEADER, 'Content-Length': '0', ...headers });
  res.end();
}

export function sendRegistryError(req: IncomingMessage, res: ServerResponse, err: RegistryError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = Buffer.from(JSON.stringify(err.toBody()));
  res.writeHead(err.status, {
    ...API_VERSION_HEADER,
    'Content-Type': 'application/json',
    'Content-Length': String(req.method === 'HEAD' ? 0 : body.length),
    ...err.headers,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Reads a bounded body into memory (manifests only; blobs always stream). */
export async function readBody(req: IncomingMessage, limit: number, tooLarge: () => RegistryError): Promise<Buffer> {
  const declared = contentLength(req);
  if (declared !== undefined && declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}

export function contentLength(req: IncomingMessage): number | undefined {
  const v = req.headers['content-length'];
  if (v === undefined) return undefined;
  if (!/^\d{1,15}$/.test(v)) throw new RegistryError('SIZE_INVALID', 'invalid Content-Length');
  return Number(v);
}

/** `Content-Range: <start>-<end>` as the distribution spec writes it (a `bytes ` or `bytes=` prefix is tolerated). */
export function parseContentRange(value: string | undefined): { start: number; end: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(?:bytes[ =])?(\d{1,15})-(\d{1,15})(?:\/(?:\d+|\*))?$/.exec(value.trim());
  if (!m) throw new RegistryError('BLOB_UPLOAD_INVALID', `invalid Content-Range "${value.slice(0, 100)}"`);
  return { start: Number(m[1]), end: Number(m[2]) };
}

/** `Range: bytes=a-b | a- | -n` for blob GET; null when absent, 'invalid' when it cannot be satisfied. */
export function parseRange(value: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!value) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) return 'invalid';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'invalid';
  return { start, end };
}

/** `n` and `last` for the paginated lists. */
export function parsePaging(url: URL): { n?: number; last?: string } {
  const nRaw = url.searchParams.get('n');
  const last = url.searchParams.get('last') ?? undefined;
  let n: number | undefined;
  if (nRaw !== null) {
    if (!/^\d{1,7}$/.test(nRaw)) throw new RegistryError('UNSUPPORTED', 'n must be a non-negative integer', undefined, 400);
    n = Number(nRaw);
  }
  if (last !== undefined && last.length > 512) throw new RegistryError('UNSUPPORTED', 'last is too long', undefined, 400);
  return { n, last };
}

export function nextLink(path: string, n: number, last: string): string {
  return `<${path}?n=${n}&last=${encodeURIComponent(last)}>; rel="next"`;
}

// The registry's edge: the service layer's DomainError (and an AppError from a service shared with the REST API)
// answered in OCI terms. Hidden and missing are one answer; anonymous callers are asked to authenticate instead.
const DOMAIN_TO_OCI: Record<DomainErrorKind, [RegistryErrorCode, number?]> = {
  absent: ['NAME_UNKNOWN'],
  forbidden: ['DENIED'],
  unauthenticated: ['UNAUTHORIZED'],
  invalid: ['UNSUPPORTED', 400],
  'bad-request': ['UNSUPPORTED', 400],
  conflict: ['UNSUPPORTED', 409],
  'limit-exceeded': ['TOOMANYREQUESTS'],
  'rate-limited': ['TOOMANYREQUESTS'],
  'too-large': ['SIZE_INVALID', 413],
  'not-scanned': ['MANIFEST_UNKNOWN'],
};

const APP_TO_OCI: Partial<Record<AppError['code'], [RegistryErrorCode, number?]>> = {
  NOT_FOUND: ['NAME_UNKNOWN'],
  FORBIDDEN: ['DENIED'],
  UNAUTHORIZED: ['UNAUTHORIZED'],
  RATE_LIMITED: ['TOOMANYREQUESTS'],
  VALIDATION_FAILED: ['UNSUPPORTED', 400],
  BAD_REQUEST: ['UNSUPPORTED', 400],
  CONFLICT: ['UNSUPPORTED', 409],
  LIMIT_EXCEEDED: ['TOOMANYREQUESTS'],
  PAYLOAD_TOO_LARGE: ['SIZE_INVALID', 413],
};

/** Any error a registry handler may meet, as the RegistryError to answer with; undefined for unexpected ones. */
export function toRegistryError(err: unknown, anonymous: boolean): RegistryError | undefined {
  if (err instanceof RegistryError) return err;
  if (err instanceof DomainError) {
    if (err.kind === 'absent' && anonymous) return new RegistryError('UNAUTHORIZED');
    const [code, status] = DOMAIN_TO_OCI[err.kind];
    const e = new RegistryError(code, err.message, err.details.fields ? { fields: err.details.fields } : undefined, status);
    if (err.details.retryAfterSeconds !== undefined) e.withHeaders({ 'Retry-After': String(err.details.retryAfterSeconds) });
    return e;
  }
  if (err instanceof AppError) {
    const mapped = APP_TO_OCI[err.code];
    if (!mapped) return undefined;
    if (mapped[0] === 'NAME_UNKNOWN' && anonymous) return new RegistryError('UNAUTHORIZED');
    return new RegistryError(mapped[0], err.message, err.details?.fields ? { fields: err.details.fields } : undefined, mapped[1]).withHeaders(err.headers);
  }
  return undefined;
}
