import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveTarget, TargetRefusedError, type LookupAll, type VettedAddress } from './resolve-target';

export const DELIVERY_TIMEOUT_MS = 10_000;
export const RESPONSE_EXCERPT_BYTES = 4096;

export interface PostResult {
  outcome: 'succeeded' | 'failed' | 'refused';
  statusCode: number | null;
  /** At most RESPONSE_EXCERPT_BYTES of the response body. */
  responseBody: string | null;
  error: string | null;
  durationMs: number;
}

/**
 * POSTs one webhook request: at most `timeoutMs` from DNS to the last byte read, redirects never followed (a 3xx is
 * a failure, so a target cannot bounce the request to an address the check did not see), and only a 2xx succeeds.
 * The connection goes to the address resolveTarget vetted, while Host and TLS SNI keep the URL's name.
 */
export async function postWebhook(input: {
  url: string;
  headers: Record<string, string>;
  body: string;
  allowPrivate: boolean;
  timeoutMs?: number;
  lookup?: LookupAll;
}): Promise<PostResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  const timeoutMs = input.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  const url = new URL(input.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { outcome: 'refused', statusCode: null, responseBody: null, error: `refused: ${url.protocol} is not http or https`, durationMs: took() };
  }
  try {
    const target = await withSignal(resolveTarget(url, { allowPrivate: input.allowPrivate, lookup: input.lookup }), signal);
    const { statusCode, excerpt } = await send(url, target, input.headers, input.body, signal);
    const ok = statusCode >= 200 && statusCode < 300;
    const error = ok ? null : statusCode >= 300 && statusCode < 400 ? `HTTP ${statusCode}: redirects are not followed` : `HTTP ${statusCode}`;
    return { outcome: ok ? 'succeeded' : 'failed', statusCode, responseBody: excerpt, error, durationMs: took() };
  } catch (err) {
    if (err instanceof TargetRefusedError) return { outcome: 'refused', statusCode: null, responseBody: null, error: err.message, durationMs: took() };
    const message = signal.aborted ? `timed out after ${timeoutMs / 1000} s` : describeError(err);
    return { outcome: 'failed', statusCode: null, responseBody: null, error: message, durationMs: took() };
  }
}

function send(url: URL, target: VettedAddress, headers: Record<string, string>, body: string, signal: AbortSignal) {
  const payload = Buffer.from(body, 'utf8');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise<{ statusCode: number; excerpt: string }>((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request({
      protocol: url.protocol,
      hostname: host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(payload.length) },
      lookup: pinnedLookup(target),
      // No pooling: every delivery resolves, checks and connects afresh.
      agent: false,
      signal,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let finished = false;
      const done = () => {
        if (finished) return;
        finished = true;
        res.destroy();
        resolve({ statusCode: res.statusCode ?? 0, excerpt: excerptOf(Buffer.concat(chunks)) });
      };
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        // The status decides the outcome; past the excerpt the body is not worth waiting for.
        if (size >= RESPONSE_EXCERPT_BYTES) done();
      });
      res.on('end', done);
      res.on('error', reject);
    });
    req.end(payload);
  });
}

/** A `lookup` for http.request that answers with the vetted address whatever name it is asked for. */
function pinnedLookup(target: VettedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    // With autoSelectFamily (the default since Node 20) net asks for every address at once.
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

function excerptOf(buf: Buffer): string {
  // Cut at the byte limit, then drop a character the cut split in two.
  return buf.subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8').replace(/\uFFFD$/, '');
}

function withSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { cause?: unknown };
  const code = e?.code ? `${e.code}: ` : '';
  return `${code}${e?.message ?? String(err)}`.slice(0, 500);
}
