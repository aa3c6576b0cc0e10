import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createRegistryHandler } from '@/lib/registry/create-registry-handler';
import type { AppContext } from '@/lib/services/context';
import { createTokenEndpoint } from '@/lib/registry/token-endpoint';
import { RegistryError } from '@/lib/errors/registry-error';
import { sendRegistryError } from '@/lib/registry/http';
import { guardBody } from './body-guard';
import { clientAddress, CLIENT_ADDRESS_HEADER } from './client-address';
import { handleHealth, handleLiveness } from './health';
import type { Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { routeFamily } from './route-family';
import { transportHeaders, webSecurityHeaders } from './security-headers';

export type WebHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * One server, one port: the registry protocol is served by a plain streaming handler (Next's route handlers drop
 * Content-Length and its middleware buffers bodies), everything else goes to the web console's handler.
 */
export function createHttpServer(
  app: AppContext,
  opts: { web?: WebHandler; log?: (line: string) => void; logger?: Logger; metrics?: Metrics; dev?: boolean } = {},
) {
  const metrics = opts.metrics ?? createMetrics(app);
  const registry = createRegistryHandler(app, {
    onError: (err, req) => opts.log?.(`registry error on ${req.method} ${req.url?.split('?')[0]}: ${(err as Error)?.stack ?? err}`),
  });
  const tokens = createTokenEndpoint(app);
  const idleMs = app.config.bodyIdleSeconds * 1000;
  const webHeaders = webSecurityHeaders({ publicUrl: app.config.publicUrl, dev: opts.dev });
  const transport = transportHeaders(app.config.publicUrl);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const family = routeFamily(path);
    const requestId = requestIdOf(req);
    res.setHeader('X-Request-Id', requestId);
    for (const [k, v] of Object.entries(transport)) res.setHeader(k, v);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    track(req, res, { path, family, requestId, metrics, logger: app.config.logRequests ? opts.logger : undefined, log: app.config.logRequests ? opts.log : undefined });
    if (path === '/v2' || path.startsWith('/v2/')) {
      if (!guardBody(req, res, { idleMs, answer: answerRegistry(req), failReaderFirst: true })) return;
      void registry(req, res);
      return;
    }
    if (path === '/auth/token') {
      if (!guardBody(req, res, { idleMs, totalMs: SMALL_BODY_MS, maxBytes: 64 * 1024, answer: answerToken })) return;
      void tokens(req, res);
      return;
    }
    if (path === '/healthz') {
      handleLiveness(res);
      return;
    }
    if (path === '/readyz') {
      void handleHealth(app, res);
      return;
    }
    if (path === '/metrics') {
      void metrics.handle(req, res);
      return;
    }
    // The console and the REST API: security headers on everything, the client's address as the server saw it
    // (any such header a client sent is dropped first), and bounded bodies except for the one file upload.
    for (const [k, v] of Object.entries(webHeaders)) res.setHeader(k, v);
    delete req.headers[CLIENT_ADDRESS_HEADER];
    const address = clientAddress(app.config.trustedProxies, req.socket.remoteAddress, req.headers['x-forwarded-for']);
    if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
    const small = !LARGE_BODY_PATHS.has(path);
    const bounds = small ? { totalMs: SMALL_BODY_MS, maxBytes: SMALL_BODY_BYTES } : {};
    if (!guardBody(req, res, { idleMs, ...bounds, answer: answerApi })) return;
    if (!opts.web) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    void Promise.resolve(opts.web(req, res)).catch((err) => {
      opts.log?.(`web error: ${(err as Error)?.stack ?? err}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  // Layer uploads can take longer than Node's default 5-minute request timeout; idle sockets still time out.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 65_000;
  server.timeout = 0;
  return server;
}

// Bodies of the token endpoint, sign-in and the JSON API are small: they must arrive whole within this time.
const SMALL_BODY_MS = 30_000;
const SMALL_BODY_BYTES = 2 * 1024 * 1024;
// Web paths whose body is a file: only the idle bound applies (the service bounds the size itself).
const LARGE_BODY_PATHS = new Set(['/api/v1/vulndb/imports']);

function answerRegistry(req: IncomingMessage) {
  return (res: ServerResponse, status: 408 | 413, message: string) => {
    // The spec names no timeout code: an upload cut off is BLOB_UPLOAD_INVALID, anything else SIZE_INVALID.
    const code = /\/blobs\/uploads\//.test(req.url ?? '') ? 'BLOB_UPLOAD_INVALID' : 'SIZE_INVALID';
    sendRegistryError(req, res, new RegistryError(code, message, undefined, status));
  };
}

function answerToken(res: ServerResponse, status: 408 | 413, message: string) {
  const body = JSON.stringify({ error: 'invalid_request', error_description: message, errors: [{ code: 'UNSUPPORTED', message }] });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(body);
}

function answerApi(res: ServerResponse, status: 408 | 413, message: string) {
  const body = JSON.stringify({ error: { code: status === 408 ? 'REQUEST_TIMEOUT' : 'PAYLOAD_TOO_LARGE', message } });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(body);
}

/** A client's or proxy's own request id when it is a plain token, else a new one. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}

const socketPositions = new WeakMap<object, { read: number; written: number }>();

interface Tracking {
  path: string;
  family: string;
  requestId: string;
  metrics: Metrics;
  logger?: Logger;
  log?: (line: string) => void;
}

/** Counts the request once it is answered (or the client went away), and logs it when request logging is on. */
function track(req: IncomingMessage, res: ServerResponse, t: Tracking): void {
  const started = performance.now();
  const socket = req.socket;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    const ms = performance.now() - started;
    // Counted from where the previous request on this connection ended: a small body arrives with the headers,
    // before the request is even seen.
    const before = socketPositions.get(socket) ?? { read: 0, written: 0 };
    const now = { read: socket.bytesRead, written: socket.bytesWritten };
    socketPositions.set(socket, now);
    t.metrics.observe(req, res, t.family, ms / 1000, { in: now.read - before.read, out: now.written - before.written });
    if (t.logger) {
      t.logger.info({ reqId: t.requestId, method: req.method, path: t.path, family: t.family, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    } else {
      t.log?.(`${req.method} ${t.path} ${res.statusCode} ${ms.toFixed(1)}ms`);
    }
  };
  res.on('finish', finish);
  res.on('close', finish);
}
