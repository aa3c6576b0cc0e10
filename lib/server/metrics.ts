import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { poolOf } from '@/lib/db/client';
import type { AppContext } from '@/lib/services/context';

/**
 * Prometheus figures for one process. Request figures are this instance's own (Prometheus sums instances); the
 * figures read from the database (upload sessions, job queue, webhook deliveries) are the whole installation's, so
 * every instance reports the same values: aggregate them with max(), not sum().
 */
export interface Metrics {
  registry: Registry;
  /** Counts a finished request; `family` is a bounded label from routeFamily(). */
  observe(req: IncomingMessage, res: ServerResponse, family: string, seconds: number, bytes: { in: number; out: number }): void;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export function createMetrics(app: AppContext): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'berth_process_' });
  const labelNames = ['family', 'method', 'status'] as const;
  const requests = new Counter({ name: 'berth_http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
  const latency = new Histogram({
    name: 'berth_http_request_duration_seconds',
    help: 'Time from request to the end of the response',
    labelNames,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120],
    registers: [registry],
  });
  const bytesIn = new Counter({ name: 'berth_http_received_bytes_total', help: 'Bytes received, headers included', labelNames: ['family'], registers: [registry] });
  const bytesOut = new Counter({ name: 'berth_http_sent_bytes_total', help: 'Bytes sent, headers included', labelNames: ['family'], registers: [registry] });

  new Gauge({
    name: 'berth_upload_sessions_open',
    help: 'Blob upload sessions not yet finished (whole installation)',
    registers: [registry],
    async collect() {
      this.set(await app.db.uploadSession.count());
    },
  });
  const depth = new Gauge({ name: 'berth_jobs_queued', help: 'Jobs waiting to run, by kind (whole installation)', labelNames: ['kind'], registers: [registry] });
  new Gauge({
    name: 'berth_jobs_oldest_queued_age_seconds',
    help: 'Age of the oldest waiting job, by kind (whole installation)',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      this.reset();
      depth.reset();
      const rows = await app.db
        .$queryRaw<Array<{ name: string; queued: bigint; age: number }>>`
          SELECT name, count(*) AS queued, extract(epoch FROM now() - min(created_on))::float8 AS age
          FROM pgboss.job WHERE state IN ('created', 'retry') GROUP BY name`
        .catch(() => []);
      for (const r of rows) {
        depth.set({ kind: r.name }, Number(r.queued));
        this.set({ kind: r.name }, r.age);
      }
    },
  });
  new Gauge({
    name: 'berth_webhook_deliveries',
    help: 'Webhook deliveries kept, by outcome (whole installation)',
    labelNames: ['outcome'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await app.db.webhookDelivery.groupBy({ by: ['status'], _count: { _all: true } });
      for (const r of rows) this.set({ outcome: r.status }, r._count._all);
    },
  });
  new Gauge({
    name: 'berth_db_pool_connections',
    help: "This instance's database connections, by state (waiting: queries queued for a connection)",
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const pool = poolOf(app.db);
      if (!pool) return;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });

  const token = app.config.metricsToken;
  return {
    registry,
    observe(req, res, family, seconds, bytes) {
      const labels = { family, method: req.method ?? 'GET', status: String(res.statusCode) };
      requests.inc(labels);
      latency.observe(labels, seconds);
      bytesIn.inc({ family }, bytes.in);
      bytesOut.inc({ family }, bytes.out);
    },
    async handle(req, res) {
      if (token && !bearerMatches(req.headers.authorization, token)) {
        res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer realm="metrics"' }).end('unauthorized\n');
        return;
      }
      try {
        const body = await registry.metrics();
        res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }).end(body);
      } catch {
        res.writeHead(503, { 'Content-Type': 'text/plain' }).end('metrics unavailable: the database did not answer\n');
      }
    },
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
