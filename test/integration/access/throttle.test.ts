import { describe, expect, it } from 'vitest';
import { randomName } from '../../support/database';
import { startTestRegistry, useTestRegistry } from '../../support/registry';

const reg = useTestRegistry({ signInFailuresPerUser: 3, signInFailuresPerAddress: 1000 });

const basic = (u: string, p: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}` });

describe('sign-in throttling', () => {
  it('refuses a user with 429 and Retry-After after repeated wrong passwords, even with the right one', async () => {
    const user = await reg.createUser();
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${reg.url}/v2/`, { headers: basic(user.username, `wrong-${i}`) })).status).toBe(401);
    }
    const locked = await fetch(`${reg.url}/v2/`, { headers: basic(user.username, user.password) });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    expect(((await locked.json()) as { errors: Array<{ code: string }> }).errors[0]!.code).toBe('TOOMANYREQUESTS');
    const token = await fetch(`${reg.url}/auth/token?service=berth-registry`, { headers: basic(user.username, user.password) });
    expect(token.status).toBe(429);
    expect(token.headers.get('retry-after')).toBeTruthy();
    // Another user is not affected.
    const other = await reg.createUser();
    expect((await fetch(`${reg.url}/v2/`, { headers: basic(other.username, other.password) })).status).toBe(200);
  });

  it('refuses credentials verified moments before the lockout, and clears a user\'s count on the next success', async () => {
    const user = await reg.createUser();
    // Verified once: later requests with the same credentials skip the hash but not the throttle.
    expect((await fetch(`${reg.url}/v2/`, { headers: basic(user.username, user.password) })).status).toBe(200);
    expect((await fetch(`${reg.url}/v2/`, { headers: basic(user.username, 'wrong-0') })).status).toBe(401);
    // Under the limit, the remembered credentials still work, and their success clears the count.
    expect((await fetch(`${reg.url}/v2/`, { headers: basic(user.username, user.password) })).status).toBe(200);
    const failures = () => reg.app.db.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM auth_failures WHERE key = ${`u:${user.username.toLowerCase()}`}`;
    expect(Number((await failures())[0]!.n)).toBe(0);
    for (let i = 0; i < 3; i++) expect((await fetch(`${reg.url}/v2/`, { headers: basic(user.username, `wrong-${i}`) })).status).toBe(401);
    const locked = await fetch(`${reg.url}/v2/`, { headers: basic(user.username, user.password) });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
  });

  it('does not count a right password for a disabled account as a guess', async () => {
    const user = await reg.createUser();
    await reg.app.db.user.update({ where: { id: user.id }, data: { disabled: true } });
    for (let i = 0; i < 5; i++) expect((await fetch(`${reg.url}/v2/`, { headers: basic(user.username, user.password) })).status).toBe(401);
    await reg.app.db.user.update({ where: { id: user.id }, data: { disabled: false } });
    expect((await fetch(`${reg.url}/v2/`, { headers: basic(user.username, user.password) })).status).toBe(200);
  });

  it('throttles a source address across usernames', async () => {
    const strict = await startTestRegistry({ signInFailuresPerUser: 1000, signInFailuresPerAddress: 4 });
    try {
      for (let i = 0; i < 4; i++) await fetch(`${strict.url}/v2/`, { headers: basic(randomName('nobody'), 'x') });
      const res = await fetch(`${strict.url}/v2/`, { headers: basic(strict.admin.username, strict.admin.password) });
      expect(res.status).toBe(429);
    } finally {
      await strict.stop();
    }
  });
});
