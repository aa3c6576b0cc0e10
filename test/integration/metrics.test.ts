import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHttpServer } from '@/lib/server/create-http-server';
import { OciClient, randomRepo } from '../support/oci-client';
import { useTestRegistry } from '../support/registry';

const reg = useTestRegistry();

describe('GET /metrics', () => {
  it('counts requests by route family and status, bytes, and installation-wide figures', async () => {
    const c = new OciClient(reg, reg.admin);
    const name = randomRepo();
    await c.pushImage(name, 'v1', { layers: [randomBytes(50_000)] });
    await c.fetch(`/v2/${name}/blobs/uploads/`, { method: 'POST', headers: { 'Content-Length': '0' } });
    expect((await c.fetch(`/v2/${name}/manifests/nope`)).status).toBe(404);
    const res = await fetch(`${reg.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/berth_http_requests_total\{family="v2_manifests",method="PUT",status="201"\} 1/);
    expect(text).toMatch(/berth_http_requests_total\{family="v2_manifests",method="GET",status="404"\} 1/);
    expect(text).toMatch(/berth_http_request_duration_seconds_bucket\{le="\+Inf",family="v2_uploads",method="POST",status="201"\} \d+/);
    expect(Number(/berth_http_received_bytes_total\{family="v2_uploads"\} (\d+)/.exec(text)?.[1])).toBeGreaterThan(50_000);
    expect(Number(/berth_upload_sessions_open (\d+)/.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/berth_db_pool_connections\{state="total"\} \d+/);
    expect(text).toContain('berth_webhook_deliveries');
    // Repository names never become labels.
    expect(text).not.toContain(name);
  });

  it('answers X-Request-Id on every request, keeping a sane one the client sent', async () => {
    const mine = await fetch(`${reg.url}/v2/`, { headers: { 'X-Request-Id': 'lb-1234.abc' } });
    expect(mine.headers.get('x-request-id')).toBe('lb-1234.abc');
    const fresh = await fetch(`${reg.url}/healthz`, { headers: { 'X-Request-Id': 'bad id\twith spaces' } });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('asks for the bearer token when BERTH_METRICS_TOKEN is set', async () => {
    const token = 'metrics-token-0123456789';
    const server = createHttpServer({ ...reg.app, config: { ...reg.app.config, metricsToken: token } });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { Authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      const ok = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('berth_http_requests_total');
    } finally {
      server.close();
    }
  });
});
