import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from './post-webhook';

type Seen = { method?: string; host?: string; body: string; headers: http.IncomingHttpHeaders };

let server: http.Server;
let port: number;
const seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, host: req.headers.host, body, headers: req.headers });
      const path = req.url ?? '/';
      if (path === '/fail') res.writeHead(500).end('boom');
      else if (path === '/redirect') res.writeHead(302, { Location: 'http://169.254.169.254/' }).end();
      else if (path === '/big') res.writeHead(200).end('x'.repeat(100_000));
      else if (path === '/hang') return; // never answers
      else res.writeHead(200).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const post = (path: string, opts: Partial<Parameters<typeof postWebhook>[0]> = {}) =>
  postWebhook({ url: `http://127.0.0.1:${port}${path}`, headers: { 'X-Test': 'yes' }, body: '{"hello":"world"}', allowPrivate: true, ...opts });

describe('postWebhook', () => {
  it('POSTs the body and succeeds on 2xx, keeping a response excerpt', async () => {
    const r = await post('/ok');
    expect(r).toMatchObject({ outcome: 'succeeded', statusCode: 200, responseBody: 'thanks', error: null });
    const last = seen.at(-1)!;
    expect(last.method).toBe('POST');
    expect(last.body).toBe('{"hello":"world"}');
    expect(last.headers['x-test']).toBe('yes');
    expect(last.headers['content-length']).toBe('17');
  });

  it('fails on a non-2xx status', async () => {
    expect(await post('/fail')).toMatchObject({ outcome: 'failed', statusCode: 500, responseBody: 'boom', error: 'HTTP 500' });
  });

  it('does not follow redirects', async () => {
    const before = seen.length;
    const r = await post('/redirect');
    expect(r).toMatchObject({ outcome: 'failed', statusCode: 302 });
    expect(r.error).toMatch(/redirects are not followed/);
    expect(seen.length).toBe(before + 1);
  });

  it('keeps at most 4 KiB of the response', async () => {
    const r = await post('/big');
    expect(r.outcome).toBe('succeeded');
    expect(Buffer.byteLength(r.responseBody!)).toBe(4096);
  });

  it('times out', async () => {
    const r = await post('/hang', { timeoutMs: 300 });
    expect(r).toMatchObject({ outcome: 'failed', statusCode: null, error: 'timed out after 0.3 s' });
  });

  it('reports a connection failure as a (retryable) failure', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const r = await postWebhook({ url: `http://127.0.0.1:${closedPort}/`, headers: {}, body: '{}', allowPrivate: true });
    expect(r.outcome).toBe('failed');
    expect(r.error).toMatch(/ECONNREFUSED/);
  });

  it('refuses a private address unless allowed, without connecting', async () => {
    const before = seen.length;
    const r = await post('/ok', { allowPrivate: false });
    expect(r).toMatchObject({ outcome: 'refused', statusCode: null });
    expect(r.error).toMatch(/127\.0\.0\.1, a loopback address/);
    expect(seen.length).toBe(before);
  });

  it('refuses a name that resolves to a private address, checking every address', async () => {
    const before = seen.length;
    const localhost = await postWebhook({ url: `http://localhost:${port}/ok`, headers: {}, body: '{}', allowPrivate: false });
    expect(localhost.outcome).toBe('refused');
    const mixed = await postWebhook({
      url: `http://mixed.example:${port}/ok`,
      headers: {},
      body: '{}',
      allowPrivate: false,
      lookup: async () => [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }],
    });
    expect(mixed).toMatchObject({ outcome: 'refused' });
    expect(mixed.error).toMatch(/mixed\.example resolves to 10\.0\.0\.5, a private address/);
    expect(seen.length).toBe(before);
  });

  it('connects to the vetted address while Host keeps the URL name (no second DNS lookup)', async () => {
    let lookups = 0;
    const r = await postWebhook({
      url: `http://hooks.receiver.test:${port}/ok`,
      headers: {},
      body: '{}',
      allowPrivate: true,
      lookup: async () => {
        lookups++;
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    expect(r.outcome).toBe('succeeded');
    expect(lookups).toBe(1);
    expect(seen.at(-1)!.host).toBe(`hooks.receiver.test:${port}`);
  });

  it('refuses schemes other than http and https', async () => {
    expect((await postWebhook({ url: 'ftp://example.com/', headers: {}, body: '{}', allowPrivate: true })).outcome).toBe('refused');
  });
});
