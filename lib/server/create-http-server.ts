import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { createRegistryHandler } from '@/lib/registry/create-registry-handler';
import type { AppContext } from '@/lib/services/context';
import { createTokenEndpoint } from '@/lib/registry/token-endpoint';
import { handleHealth } from './health';

export type WebHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/**
 * One server, one port: the registry protocol is served by a plain streaming handler (Next's route handlers drop
 * Content-Length and its middleware buffers bodies), everything else goes to the web console's handler.
 */
export function createHttpServer(app: AppContext, opts: { web?: WebHandler; log?: (line: string) => void } = {}) {
  const registry = createRegistryHandler(app, {
    onError: (err, req) => opts.log?.(`registry error on ${req.method} ${req.url?.split('?')[0]}: ${(err as Error)?.stack ?? err}`),
  });
  const tokens = createTokenEndpoint(app);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/v2' || path.startsWith('/v2/')) {
      if (app.config.logRequests) logWhenDone(req, res, opts.log);
      void registry(req, res);
      return;
    }
    if (path === '/auth/token') {
      if (app.config.logRequests) logWhenDone(req, res, opts.log);
      void tokens(req, res);
      return;
    }
    if (path === '/healthz') {
      void handleHealth(app, res);
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

function logWhenDone(req: IncomingMessage, res: ServerResponse, log?: (line: string) => void) {
  const started = performance.now();
  res.on('finish', () => {
    log?.(`${req.method} ${req.url?.split('?')[0]} ${res.statusCode} ${(performance.now() - started).toFixed(1)}ms`);
  });
}
