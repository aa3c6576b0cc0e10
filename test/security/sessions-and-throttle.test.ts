import { describe, expect, it } from 'vitest';
import * as meRoute from '@/app/api/v1/me/route';
import * as userRoute from '@/app/api/v1/users/[username]/route';
import { clientAddress } from '@/lib/server/client-address';
import { endSessions } from '@/lib/services/users/end-sessions';
import { callApi } from '../support/api';
import { startTestRegistry, useTestRegistry, type TestUser } from '../support/registry';

const reg = useTestRegistry({ signInFailuresPerUser: 4, signInFailuresPerAddress: 1000 });

const basicHeader = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

async function refreshTokenFor(user: TestUser): Promise<string> {
  const res = await fetch(`${reg.url}/auth/token?service=berth-registry&offline_token=true&scope=registry:catalog:*`, { headers: { authorization: reg.basic(user) } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { refresh_token: string }).refresh_token;
}

function refresh(token: string) {
  return fetch(`${reg.url}/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, service: 'berth-registry' }).toString(),
  });
}

describe('finding 5: a password change, a reset or a sign-out ends sessions and refresh tokens', () => {
  it('ends a refresh token and the bearer tokens of a password sign-in when an admin resets the password', async () => {
    const user = await reg.createUser();
    const token = await refreshTokenFor(user);
    const bearer = await fetch(`${reg.url}/auth/token?service=berth-registry`, { headers: { authorization: reg.basic(user) } });
    const access = ((await bearer.json()) as { token: string }).token;
    expect((await refresh(token)).status).toBe(200);
    expect((await fetch(`${reg.url}/v2/`, { headers: { authorization: `Bearer ${access}` } })).status).toBe(200);

    const reset = await callApi(reg, userRoute.PATCH, { method: 'PATCH', path: '/', params: { username: user.username }, as: reg.admin, body: { password: 'a-new-password-1' } });
    expect(reset.status).toBe(200);
    const after = await refresh(token);
    expect(after.status).toBe(400);
    expect(((await after.json()) as { error: string }).error).toBe('invalid_grant');
    expect((await fetch(`${reg.url}/v2/`, { headers: { authorization: `Bearer ${access}` } })).status).toBe(401);
    // The new password works and gets tokens that work.
    const fresh = await refreshTokenFor({ ...user, password: 'a-new-password-1' });
    expect((await refresh(fresh)).status).toBe(200);
  });

  it('ends refresh tokens at sign-out, but not sessions begun after it', async () => {
    const user = await reg.createUser();
    const old = await refreshTokenFor(user);
    const { sessionVersion } = await reg.app.db.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
    await endSessions(reg.app, { userId: user.id, sessionVersion });
    expect((await refresh(old)).status).toBe(400);
    const newer = await refreshTokenFor(user);
    // A late sign-out of the old session does not end the new one.
    await endSessions(reg.app, { userId: user.id, sessionVersion });
    expect((await refresh(newer)).status).toBe(200);
  });
});

describe('finding 8: one throttle for every door, keyed on an address clients cannot choose', () => {
  it('counts failures at the registry, the token endpoint and the API against one allowance, and answers 429 everywhere', async () => {
    const user = await reg.createUser();
    const wrong = basicHeader(user.username, 'wrong-password');
    expect((await fetch(`${reg.url}/v2/`, { headers: { authorization: wrong } })).status).toBe(401);
    expect((await fetch(`${reg.url}/auth/token?service=berth-registry`, { headers: { authorization: wrong } })).status).toBe(401);
    expect((await callApi(reg, meRoute.GET, { path: '/api/v1/me', as: { authorization: wrong } })).status).toBe(401);
    const form = new URLSearchParams({ grant_type: 'password', username: user.username, password: 'wrong', service: 'berth-registry' });
    expect((await fetch(`${reg.url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() })).status).toBe(400);
    // Four failures across four doors: the right password is now refused at each of them.
    const right = reg.basic(user);
    const v2 = await fetch(`${reg.url}/v2/`, { headers: { authorization: right } });
    expect(v2.status).toBe(429);
    expect(Number(v2.headers.get('retry-after'))).toBeGreaterThan(0);
    const token = await fetch(`${reg.url}/auth/token?service=berth-registry`, { headers: { authorization: right } });
    expect(token.status).toBe(429);
    expect(token.headers.get('retry-after')).toBeTruthy();
    const api = await callApi(reg, meRoute.GET, { path: '/api/v1/me', as: { authorization: right } });
    expect(api.status).toBe(429);
    expect(api.body.error.code).toBe('RATE_LIMITED');
    expect(api.body.error.message).toMatch(/too many attempts, try again in \d+ minutes?/);
    expect(Number(api.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('ignores X-Forwarded-For from clients, so rotating it neither dodges nor aims the address limit', async () => {
    const strict = await startTestRegistry({ signInFailuresPerUser: 1000, signInFailuresPerAddress: 3 });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${strict.url}/v2/`, { headers: { authorization: basicHeader(`nobody-${i}`, 'x'), 'x-forwarded-for': `203.0.113.${i}` } });
        expect(res.status).toBe(401);
      }
      // Still the same (loopback) address: throttled, whatever address it claims.
      const res = await fetch(`${strict.url}/v2/`, { headers: { authorization: strict.basic(strict.admin), 'x-forwarded-for': '198.51.100.7' } });
      expect(res.status).toBe(429);
      const rows = await strict.app.db.authFailure.findMany({ where: { key: { startsWith: 'a:' } }, select: { key: true } });
      expect(new Set(rows.map((r) => r.key))).toEqual(new Set(['a:127.0.0.1']));
    } finally {
      await strict.stop();
    }
  });

  it('believes X-Forwarded-For only hop by hop through BERTH_TRUSTED_PROXIES', () => {
    expect(clientAddress([], '127.0.0.1', '203.0.113.9')).toBe('127.0.0.1');
    expect(clientAddress(['127.0.0.1'], '127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddress(['10.0.0.0/8'], '10.1.2.3', '198.51.100.1, 203.0.113.9, 10.9.9.9')).toBe('203.0.113.9');
    expect(clientAddress(['10.0.0.0/8'], '192.0.2.1', '203.0.113.9')).toBe('192.0.2.1');
    expect(clientAddress(['127.0.0.1'], '::ffff:127.0.0.1', 'garbage')).toBe('127.0.0.1');
    expect(clientAddress(['::1'], '::1', '2001:db8::1')).toBe('2001:db8::1');
  });
});
