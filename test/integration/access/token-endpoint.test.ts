import { decodeJwt, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { generateSigningKey, issueRegistryToken } from '@/lib/auth/registry-token';
import { getKeySet } from '@/lib/services/auth/signing-keys';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';

const reg = useTestRegistry();
let reader: TestUser;
const ns = randomName('tk');
const pub = `${ns}/public`;
const priv = `${ns}/private`;

beforeAll(async () => {
  const admin = new OciClient(reg, reg.admin);
  await admin.pushImage(pub, 'v1');
  await admin.pushImage(priv, 'v1');
  await reg.app.db.repository.update({ where: { name: pub }, data: { visibility: 'PUBLIC' } });
  reader = await reg.createUser();
  const repo = await reg.app.db.repository.findUniqueOrThrow({ where: { name: priv } });
  await reg.app.db.repositoryPermission.create({ data: { repositoryId: repo.id, userId: reader.id, level: 'READ' } });
});

const basic = (u: TestUser) => ({ authorization: reg.basic(u) });
const tokenUrl = (scopes: string[], extra = '') =>
  `${reg.url}/auth/token?service=berth-registry${scopes.map((s) => `&scope=${encodeURIComponent(s)}`).join('')}${extra}`;

async function getToken(scopes: string[], headers: Record<string, string> = {}) {
  const res = await fetch(tokenUrl(scopes), { headers });
  return { res, body: (await res.json()) as Record<string, unknown> };
}

function access(token: string) {
  return decodeJwt(token).access as Array<{ type: string; name: string; actions: string[] }>;
}

describe('GET /auth/token', () => {
  it('challenges anonymous callers with the Bearer realm and service', async () => {
    const res = await fetch(`${reg.url}/v2/`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer realm="${reg.url}/auth/token",service="berth-registry"`);
  });

  it('issues the intersection of what was asked and what is allowed; less is not an error', async () => {
    const { res, body } = await getToken([`repository:${priv}:pull,push`, `repository:${ns}/missing:pull`], basic(reader));
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ expires_in: 300 });
    expect(body.token).toBe(body.access_token);
    expect(typeof body.issued_at).toBe('string');
    expect(access(body.token as string)).toEqual([
      { type: 'repository', name: priv, actions: ['pull'] },
      { type: 'repository', name: `${ns}/missing`, actions: [] },
    ]);
    const header = decodeProtectedHeader(body.token as string);
    expect(header.alg).toBe('ES256');
    expect(header.kid).toBe((await getKeySet(reg.app)).signing.kid);
  });

  it('gives anonymous callers pull on public repositories only', async () => {
    const { body } = await getToken([`repository:${pub}:pull`, `repository:${priv}:pull`]);
    expect(access(body.token as string).map((a) => a.actions)).toEqual([['pull'], []]);
    const auth = { authorization: `Bearer ${body.token}` };
    expect((await fetch(`${reg.url}/v2/${pub}/manifests/v1`, { headers: auth })).status).toBe(200);
    const hidden = await fetch(`${reg.url}/v2/${priv}/manifests/v1`, { headers: auth });
    expect(hidden.status).toBe(401);
    expect(hidden.headers.get('www-authenticate')).toContain(`scope="repository:${priv}:pull",error="insufficient_scope"`);
  });

  it('answers a login without scope, and refuses bad credentials, unknown services and malformed scopes', async () => {
    expect((await getToken([], basic(reader))).res.status).toBe(200);
    const bad = await getToken([], { authorization: reg.basic({ ...reader, password: 'nope' }) });
    expect(bad.res.status).toBe(401);
    const service = await fetch(`${reg.url}/auth/token?service=elsewhere`);
    expect(service.status).toBe(400);
    const scope = await getToken(['repository:UPPER/case:pull']);
    expect(scope.res.status).toBe(400);
    expect(scope.body.error).toBe('invalid_scope');
  });

  it('lets a token used on /v2 do only what it carries', async () => {
    const { body } = await getToken([`repository:${priv}:pull`], basic(reg.admin));
    const auth = { authorization: `Bearer ${body.token}` };
    expect((await fetch(`${reg.url}/v2/${priv}/manifests/v1`, { headers: auth })).status).toBe(200);
    // A scope for another repository, or another action, is not enough.
    const other = await fetch(`${reg.url}/v2/${pub}/manifests/v1`, { headers: auth });
    expect(other.status).toBe(401);
    expect(other.headers.get('www-authenticate')).toContain(`scope="repository:${pub}:pull",error="insufficient_scope"`);
    const push = await fetch(`${reg.url}/v2/${priv}/blobs/uploads/`, { method: 'POST', headers: auth });
    expect(push.status).toBe(401);
    expect(((await push.json()) as { errors: Array<{ code: string }> }).errors[0]!.code).toBe('DENIED');
  });
});

describe('token edge cases on /v2', () => {
  async function signed(opts: { audience?: string; ttl?: number; now?: Date; otherKey?: boolean; sub?: string }) {
    const key = opts.otherKey ? await generateSigningKey() : (await getKeySet(reg.app)).signing;
    return (
      await issueRegistryToken({
        key,
        issuer: 'berth',
        audience: opts.audience ?? 'berth-registry',
        subject: opts.sub ?? reg.admin.username,
        access: [{ type: 'repository', name: priv, actions: ['pull'] }],
        ttlSeconds: opts.ttl ?? 300,
        now: opts.now,
        uid: reg.admin.id,
      })
    ).token;
  }
  const pull = (token: string) => fetch(`${reg.url}/v2/${priv}/manifests/v1`, { headers: { authorization: `Bearer ${token}` } });

  it('accepts a well-formed token', async () => {
    expect((await pull(await signed({}))).status).toBe(200);
  });

  it.each([
    ['expired', { now: new Date(Date.now() - 3600_000), ttl: 60 }],
    ['signed by another key', { otherKey: true }],
    ['for another audience', { audience: 'someone-else' }],
  ] as const)('refuses a token %s with 401 and error="invalid_token"', async (_label, opts) => {
    const res = await pull(await signed(opts));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('refuses a token once it expires, though it was accepted (and its signature remembered) before', async () => {
    const token = await signed({ ttl: 60 });
    expect((await pull(token)).status).toBe(200);
    expect((await pull(token)).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    try {
      const res = await pull(token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses tampered claims', async () => {
    const [h, p, s] = (await signed({})).split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims.access = [{ type: 'repository', name: priv, actions: ['pull', 'push', 'delete'] }];
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    expect((await pull(forged)).status).toBe(401);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    expect((await pull(none)).status).toBe(401);
  });

  it('stops a disabled user\'s tokens at once', async () => {
    const user = await reg.createUser();
    const repo = await reg.app.db.repository.findUniqueOrThrow({ where: { name: priv } });
    await reg.app.db.repositoryPermission.create({ data: { repositoryId: repo.id, userId: user.id, level: 'READ' } });
    const { body } = await getToken([`repository:${priv}:pull`], basic(user));
    const auth = { authorization: `Bearer ${body.token}` };
    expect((await fetch(`${reg.url}/v2/${priv}/manifests/v1`, { headers: auth })).status).toBe(200);
    await reg.app.db.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect((await fetch(`${reg.url}/v2/${priv}/manifests/v1`, { headers: auth })).status).toBe(401);
  });
});

describe('POST /auth/token', () => {
  const post = (form: Record<string, string>) =>
    fetch(`${reg.url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });

  it('supports the password grant with a refresh token, and the refresh_token grant', async () => {
    const res = await post({ grant_type: 'password', username: reader.username, password: reader.password, service: 'berth-registry', client_id: 'test', access_type: 'offline', scope: `repository:${priv}:pull` });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body.scope).toBe(`repository:${priv}:pull`);
    expect(body.refresh_token).toBeTruthy();
    const refreshed = await post({ grant_type: 'refresh_token', refresh_token: body.refresh_token!, service: 'berth-registry', client_id: 'test', scope: `repository:${priv}:pull` });
    expect(refreshed.status).toBe(200);
    const token = ((await refreshed.json()) as Record<string, string>).access_token!;
    expect((await fetch(`${reg.url}/v2/${priv}/manifests/v1`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // A refresh token is not an access token, and an access token is not a refresh token.
    expect((await fetch(`${reg.url}/v2/${priv}/manifests/v1`, { headers: { authorization: `Bearer ${body.refresh_token}` } })).status).toBe(401);
    expect((await post({ grant_type: 'refresh_token', refresh_token: token, service: 'berth-registry' })).status).toBe(400);
  });

  it('refuses bad passwords, unknown grants and a refresh token of a disabled user', async () => {
    const bad = await post({ grant_type: 'password', username: reader.username, password: 'wrong', service: 'berth-registry' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('invalid_grant');
    expect((await post({ grant_type: 'client_credentials' })).status).toBe(400);
    const user = await reg.createUser();
    const res = await post({ grant_type: 'password', username: user.username, password: user.password, access_type: 'offline' });
    const { refresh_token } = (await res.json()) as { refresh_token: string };
    await reg.app.db.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect((await post({ grant_type: 'refresh_token', refresh_token })).status).toBe(400);
  });
});
