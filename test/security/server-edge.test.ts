import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer } from '@/lib/server/create-http-server';
import { CLIENT_ADDRESS_HEADER } from '@/lib/server/client-address';
import { OciClient, rawErrorCode, rawRequest, startUpload } from '../support/oci-client';
import { randomName } from '../support/database';
import { listenOnLoopback, type LoopbackServer } from '../support/loopback-server';
import { startTestRegistry, useTestRegistry } from '../support/registry';

// The server in front of everything: headers, the client's address, bounded bodies, scopes and upload sessions.
const reg = useTestRegistry({ maxOpenUploads: 3 });
let web: LoopbackServer;
const seen: Array<string | undefined> = [];

beforeAll(async () => {
  // A second server on the same database and storage, with a stand-in for the console (to see what the console is
  // handed and what it answers with) and a one-second body idle limit; the registry's own keeps the default, so
  // ordinary requests of a busy test machine are never cut off.
  const server = createHttpServer({ ...reg.app, config: { ...reg.app.config, bodyIdleSeconds: 1 } }, {
    web: async (req, res) => {
      seen.push(req.headers[CLIENT_ADDRESS_HEADER] as string | undefined);
      for await (const _ of req); // reads the body, as a route would
      res.writeHead(200, { 'content-type': 'text/html' }).end('<p>page</p>');
    },
  });
  web = await listenOnLoopback(server);
});
afterAll(async () => {
  await web?.close();
});

/** Sends headers and part of a body, then nothing: resolves with the raw answer the server gives. */
function stall(url: string, head: string, partial: string): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(head + partial));
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('finding 11: security headers', () => {
  it('sends CSP with frame-ancestors none, nosniff, a Referrer-Policy and no HSTS over http', async () => {
    const res = await fetch(`${web.url}/repositories`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect((await fetch(`${reg.url}/v2/`)).headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('adds Strict-Transport-Security everywhere when BERTH_PUBLIC_URL is https', async () => {
    const tls = await startTestRegistry({ publicUrl: 'https://registry.example' });
    try {
      const res = await fetch(`${tls.url}/v2/`);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      await tls.stop();
    }
  });
});

describe('finding 8: the console is handed the address the server saw', () => {
  it('drops a client-sent address header and ignores X-Forwarded-For from untrusted peers', async () => {
    seen.length = 0;
    await fetch(`${web.url}/sign-in`, { headers: { [CLIENT_ADDRESS_HEADER]: '203.0.113.66', 'x-forwarded-for': '198.51.100.1' } });
    expect(seen).toEqual(['127.0.0.1']);
  });
});

describe('finding 9: slow bodies are cut off', () => {
  it('answers a stalled upload PATCH with 408 and releases the session for the next request', async () => {
    const c = new OciClient(reg, reg.admin);
    const name = `${randomName('ns')}/slow`;
    await c.pushImage(name, 'seed');
    const session = await startUpload(c, name);
    const path = new URL(session.location, reg.url);
    const head =
      `PATCH ${path.pathname}${path.search} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${reg.basic(reg.admin)}\r\n` +
      'Content-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\n';
    const answer = await stall(web.url, head, 'x'.repeat(10));
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('BLOB_UPLOAD_INVALID');
    // The lease is gone: the next chunk is accepted at once instead of a 409.
    const status = await c.fetch(session.location);
    expect(status.status).toBe(204);
    const next = await c.fetch(session.location, { method: 'PATCH', body: Buffer.from('abc'), headers: { 'Content-Type': 'application/octet-stream' } });
    expect(next.status).toBe(202);
  });

  it('answers a stalled token request and a stalled API body with 408', async () => {
    const token = await stall(web.url, 'POST /auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\n', 'grant_type=pass');
    expect(token).toMatch(/^HTTP\/1\.1 408/);
    const api = await stall(web.url, 'POST /api/v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n', '{"username":');
    expect(api).toMatch(/^HTTP\/1\.1 408/);
    expect(api).toContain('REQUEST_TIMEOUT');
  });

  it('refuses oversized small bodies before reading them', async () => {
    const res = await rawRequest(reg, { method: 'POST', path: '/auth/token', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new Uint8Array(100 * 1024) });
    expect(res.status).toBe(413);
    const api = await fetch(`${web.url}/api/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(3 * 1024 * 1024) }).catch(() => null);
    expect(api?.status ?? 413).toBe(413);
  });
});

describe('finding 10: scopes are counted after splitting', () => {
  it('refuses 1,500 space-separated scopes in one parameter, and too many parameters', async () => {
    const scopes = Array.from({ length: 1500 }, (_, i) => `repository:ns/r${i}:pull`).join(' ');
    const form = new URLSearchParams({ grant_type: 'password', username: reg.admin.username, password: reg.admin.password, service: 'berth-registry', scope: scopes });
    const res = await fetch(`${reg.url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_scope');
    const many = Array.from({ length: 51 }, (_, i) => `scope=${encodeURIComponent(`repository:ns/r${i}:pull`)}`).join('&');
    const get = await fetch(`${reg.url}/auth/token?service=berth-registry&${many}`);
    expect(get.status).toBe(400);
    const fifty = Array.from({ length: 25 }, (_, i) => `repository:ns/r${i}:pull repository:ns/s${i}:pull`);
    const ok = await fetch(`${reg.url}/auth/token?service=berth-registry&${fifty.map((s) => `scope=${encodeURIComponent(s)}`).join('&')}`);
    expect(ok.status).toBe(200);
  });
});

describe('finding 12: open upload sessions are capped per user', () => {
  it('answers TOOMANYREQUESTS with a message that says why once the cap is reached', async () => {
    const user = await reg.createUser();
    const ns = randomName('ns');
    await reg.app.db.namespace.create({ data: { name: ns, ownerId: user.id } });
    const c = new OciClient(reg, user);
    for (let i = 0; i < 3; i++) await startUpload(c, `${ns}/app`);
    const res = await rawRequest(reg, { method: 'POST', path: `/v2/${ns}/app/blobs/uploads/`, user, headers: { 'Content-Length': '0' } });
    expect(res.status).toBe(429);
    expect(rawErrorCode(res)).toBe('TOOMANYREQUESTS');
    expect(res.body.toString()).toMatch(/too many open upload sessions/);
    // Another user is not affected.
    const other = new OciClient(reg, reg.admin);
    await startUpload(other, `${ns}/app`);
  });
});
