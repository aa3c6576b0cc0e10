import { describe, expect, it } from 'vitest';
import * as usersRoute from '@/app/api/v1/users/route';
import * as tokensRoute from '@/app/api/v1/tokens/route';
import { setAppContext } from '@/lib/server/app-context-global';
import { randomName } from '../support/database';
import { useTestRegistry } from '../support/registry';

// Finding 1: a page on another origin made the signed-in admin's browser POST to /api/v1 (a text/plain form whose
// body was valid JSON, or a no-cors fetch) and Berth acted on it. The cookie here is not a valid session: the
// checks run before the session is read, so a refusal shows as CSRF_REJECTED and a pass as UNAUTHORIZED.

const reg = useTestRegistry();

const COOKIE = 'next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.forged';

async function post(handler: typeof usersRoute.POST, path: string, headers: Record<string, string>, body: string) {
  setAppContext(reg.app);
  const host = new URL(reg.url).host;
  const req = new Request(`${reg.url}${path}`, { method: 'POST', headers: { host, ...headers }, body });
  const res = await handler(req, { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
}

const userBody = () => JSON.stringify({ username: randomName('csrf'), password: 'password-123', isAdmin: true });

describe('cross-site request forgery on /api/v1', () => {
  it('refuses a text/plain form post from another origin with the session cookie', async () => {
    const res = await post(usersRoute.POST, '/api/v1/users', { cookie: COOKIE, origin: 'http://127.0.0.1:8998', 'content-type': 'text/plain' }, userBody());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_REJECTED');
  });

  it('refuses a JSON post from another port of the same host', async () => {
    const other = new URL(reg.url);
    other.port = String(Number(other.port) + 1);
    const res = await post(tokensRoute.POST, '/api/v1/tokens', { cookie: COOKIE, origin: other.origin, 'content-type': 'application/json' }, '{"name":"x"}');
    expect(res.body.error.code).toBe('CSRF_REJECTED');
  });

  it('refuses a same-origin post that is not JSON (form encodings need no preflight)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await post(usersRoute.POST, '/api/v1/users', { cookie: COOKIE, origin: reg.url, 'content-type': type }, userBody());
      expect(res.body.error.code, type).toBe('CSRF_REJECTED');
    }
    // A body without any Content-Type (a no-cors fetch of a Blob) is refused too.
    const res = await post(usersRoute.POST, '/api/v1/users', { cookie: COOKIE, origin: reg.url, 'content-length': '10' }, userBody());
    expect(res.body.error.code).toBe('CSRF_REJECTED');
  });

  it('refuses a cookie request that names no origin, and falls back to Sec-Fetch-Site and Referer', async () => {
    const none = await post(usersRoute.POST, '/api/v1/users', { cookie: COOKIE, 'content-type': 'application/json' }, userBody());
    expect(none.body.error.code).toBe('CSRF_REJECTED');
    const crossSite = await post(usersRoute.POST, '/api/v1/users', { cookie: COOKIE, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, userBody());
    expect(crossSite.body.error.code).toBe('CSRF_REJECTED');
    const foreignReferer = await post(usersRoute.POST, '/api/v1/users', { cookie: COOKIE, referer: 'http://evil.example/x', 'content-type': 'application/json' }, userBody());
    expect(foreignReferer.body.error.code).toBe('CSRF_REJECTED');
    const nullOrigin = await post(usersRoute.POST, '/api/v1/users', { cookie: COOKIE, origin: 'null', 'content-type': 'application/json' }, userBody());
    expect(nullOrigin.body.error.code).toBe('CSRF_REJECTED');
  });

  it('lets the console through: same origin (by Origin, Sec-Fetch-Site or Referer) with JSON', async () => {
    const cases: Array<Record<string, string>> = [{ origin: reg.url }, { 'sec-fetch-site': 'same-origin' }, { referer: `${reg.url}/users` }];
    for (const headers of cases) {
      const res = await post(usersRoute.POST, '/api/v1/users', { cookie: COOKIE, 'content-type': 'application/json', ...headers }, userBody());
      // Past the CSRF check, the forged cookie is no session.
      expect(res.status, JSON.stringify(headers)).toBe(401);
    }
  });

  it('does not affect Bearer or Basic callers, whatever the origin or type', async () => {
    const username = randomName('basic');
    const res = await post(
      usersRoute.POST,
      '/api/v1/users',
      { authorization: reg.basic(reg.admin), cookie: COOKIE, origin: 'http://evil.example', 'content-type': 'application/json' },
      JSON.stringify({ username, password: 'password-123' }),
    );
    expect(res.status).toBe(201);
    const bearer = await post(tokensRoute.POST, '/api/v1/tokens', { authorization: 'Bearer berth_pat_invalid', origin: 'http://evil.example', 'content-type': 'text/plain' }, '{}');
    expect(bearer.status).toBe(401);
  });

  it('honours BERTH_PUBLIC_URL as the one origin when it is set', async () => {
    const saved = reg.app.config.publicUrl;
    reg.app.config.publicUrl = 'https://registry.example';
    try {
      const fromHost = await post(usersRoute.POST, '/api/v1/users', { cookie: COOKIE, origin: reg.url, 'content-type': 'application/json' }, userBody());
      expect(fromHost.body.error.code).toBe('CSRF_REJECTED');
      const fromPublic = await post(usersRoute.POST, '/api/v1/users', { cookie: COOKIE, origin: 'https://registry.example', 'content-type': 'application/json' }, userBody());
      expect(fromPublic.status).toBe(401);
    } finally {
      reg.app.config.publicUrl = saved;
    }
  });
});
