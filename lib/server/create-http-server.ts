import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { createRegistryHandler } from '@/lib/registry/create-registry-handler';
import type { AppContext } from '@/lib/services/context';
import { createTokenEndpoint } from '@/lib/registry/token-endpoint';
import { randomUUID } from 'node:crypto';
import { handleHealth, handleLiveness } from './health';
import type { Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { routeFamily } from './route-family';

export type WebHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * One server, one port: the registry protocol is served by a plain streaming handler (Next's route handlers drop
 * Content-Length and its middleware buffers bodies), everything else goes to the web console's handler.
 */
export function createHttpServer(app: AppContext, opts: { web?: WebHandler; log?: (line: string) => void; logger?: Logger; metrics?: Metrics } = {}) {
  const metrics = opts.metrics ?? createMetrics(app);
  const registry = createRegistryHandler(app, {
    onError: (err, req) => opts.log?.(`registry error on ${req.method} ${req.url?.split('?')[0]}: ${(err as Error)?.stack ?? err}`),
  });
  const tokens = createTokenEndpoint(app);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const family = routeFamily(path);
    const requestId = requestIdOf(req);
    res.setHeader('X-Request-Id', requestId);
    track(req, res, { path, family, requestId, metrics, logger: app.config.logRequests ? opts.logger : undefined, log: app.config.logRequests ? opts.log : undefined });
    if (path === '/v2' || path.startsWith('/v2/')) {
      void registry(req, res);
      return;
    }
    if (path === '/auth/token') {
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
