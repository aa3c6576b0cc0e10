import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as tokensRoute from '@/app/api/v1/tokens/route';
import * as tokenRoute from '@/app/api/v1/tokens/[id]/route';
import * as userTokensRoute from '@/app/api/v1/users/[username]/tokens/route';
import * as userTokenRoute from '@/app/api/v1/users/[username]/tokens/[id]/route';
import * as meRoute from '@/app/api/v1/me/route';
import * as openapiRoute from '@/app/api/v1/openapi.json/route';
import { hashTokenSecret } from '@/lib/services/tokens/token-secret';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { errorCode, OciClient } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';

const reg = useTestRegistry();

async function createToken(user: TestUser, body: Record<string, unknown> = {}) {
  const res = await callApi(reg, tokensRoute.POST, { method: 'POST', path: '/api/v1/tokens', as: user, body: { name: randomName('tok'), ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { token: { id: string; name: string; prefix: string; readOnly: boolean; namespaces: string[]; expiresAt: string | null; createdAt: string }; secret: string };
}

/** The user with the token as their password: how registry clients send it (Basic). */
const withToken = (user: TestUser, secret: string): TestUser => ({ ...user, password: secret });
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

function v2Base(user: TestUser) {
  return fetch(`${reg.url}/v2/`, { headers: { Authorization: reg.basic(user) } });
}

/** A namespace owned by `owner`, seeded directly. */
async function seedNamespace(owner: TestUser) {
  const name = randomName('ns');
  await reg.app.db.namespace.create({ data: { name, ownerId: owner.id } });
  return name;
}

async function startUpload(user: TestUser, repo: string) {
  return new OciClient(reg, user).fetch(`/v2/${repo}/blobs/uploads/`, { method: 'POST', headers: { 'Content-Length': '0' } });
}

describe('creating access tokens', () => {
  it('returns the secret once, stores only its hash, and audits the creation without the secret', async () => {
    const user = await reg.createUser();
    const name = randomName('ci');
    const res = await callApi(reg, tokensRoute.POST, { method: 'POST', path: '/api/v1/tokens', as: user, body: { name, expiresInDays: 30, readOnly: true, namespaces: ['beta', 'alpha', 'beta'] } });
    expect(res.status).toBe(201);
    const { token, secret } = res.body;
    expect(secret).toMatch(/^berth_pat_[A-Za-z0-9_-]{43}$/);
    expect(token).toEqual({
      id: expect.any(String),
      name,
      prefix: secret.slice(0, 16),
      readOnly: true,
      namespaces: ['alpha', 'beta'],
      expiresAt: expect.any(String),
      createdAt: expect.any(String),
    });
    const days = (Date.parse(token.expiresAt) - Date.parse(token.createdAt)) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);

    const row = await reg.app.db.accessToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).not.toBe(secret);
    expect(row.tokenHash).toBe(hashTokenSecret(secret));
    const rowText = JSON.stringify(row);
    expect(rowText).not.toContain(secret);
    expect(rowText).not.toContain(secret.slice(16));

    const list = await callApi(reg, tokensRoute.GET, { path: '/api/v1/tokens', as: user });
    expect(list.status).toBe(200);
    expect(list.body.tokens).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(JSON.stringify(list.body)).not.toContain(row.tokenHash);
    expect(list.body.tokens[0]).not.toHaveProperty('secret');
    expect(list.body.tokens[0]).not.toHaveProperty('tokenHash');

    const events = await reg.app.db.auditEvent.findMany({ where: { action: 'auth:CreateAccessToken', actorName: user.username } });
    expect(events).toHaveLength(1);
    expect(events[0]!.resource).toContain(token.id);
    expect(JSON.stringify({ ...events[0], id: String(events[0]!.id) })).not.toContain(secret.slice(16));
    expect(events[0]!.detail).toMatchObject({ name, readOnly: true, namespaces: ['alpha', 'beta'] });
  });

  it('never expires when expiresInDays is null or omitted', async () => {
    const user = await reg.createUser();
    expect((await createToken(user, { expiresInDays: null })).token.expiresAt).toBeNull();
    const omitted = await createToken(user);
    expect(omitted.token).toMatchObject({ expiresAt: null, readOnly: false, namespaces: [] });
  });

  it('answers field errors for bad input', async () => {
    const user = await reg.createUser();
    const bad = await callApi(reg, tokensRoute.POST, {
      method: 'POST',
      path: '/api/v1/tokens',
      as: user,
      body: { name: '', expiresInDays: 366, namespaces: ['ok', 'Not Valid'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['expiresInDays', 'name', 'namespaces.1']);

    const tooMany = await callApi(reg, tokensRoute.POST, {
      method: 'POST',
      path: '/api/v1/tokens',
      as: user,
      body: { name: 'x', expiresInDays: 0, namespaces: Array.from({ length: 51 }, (_, i) => `ns${i}`) },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['expiresInDays', 'namespaces']);

    const long = await callApi(reg, tokensRoute.POST, { method: 'POST', path: '/api/v1/tokens', as: user, body: { name: 'n'.repeat(101) } });
    expect(long.status).toBe(400);
    const unknownKey = await callApi(reg, tokensRoute.POST, { method: 'POST', path: '/api/v1/tokens', as: user, body: { name: 'x', scopes: ['all'] } });
    expect(unknownKey.status).toBe(400);
    const notJson = await callApi(reg, tokensRoute.POST, { method: 'POST', path: '/api/v1/tokens', as: user, body: '{"name":' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('BAD_REQUEST');
  });

  it('refuses anonymous callers and calls authenticated by a token: tokens do not mint tokens', async () => {
    const anon = await callApi(reg, tokensRoute.POST, { method: 'POST', path: '/api/v1/tokens', as: null, body: { name: 'x' } });
    expect(anon.status).toBe(401);
    expect((await callApi(reg, tokensRoute.GET, { path: '/api/v1/tokens', as: null })).status).toBe(401);

    const user = await reg.createUser();
    const { secret } = await createToken(user);
    const viaBearer = await callApi(reg, tokensRoute.POST, { method: 'POST', path: '/api/v1/tokens', as: bearer(secret), body: { name: 'child' } });
    expect(viaBearer.status).toBe(403);
    expect(viaBearer.body.error.code).toBe('FORBIDDEN');
    const viaBasic = await callApi(reg, tokensRoute.POST, { method: 'POST', path: '/api/v1/tokens', as: withToken(user, secret), body: { name: 'child' } });
    expect(viaBasic.status).toBe(403);
    // The token still reads the API, and the user's own list shows only the one token.
    const list = await callApi(reg, tokensRoute.GET, { path: '/api/v1/tokens', as: bearer(secret) });
    expect(list.status).toBe(200);
    expect(list.body.tokens).toHaveLength(1);
  });

  it('allows at most 100 active tokens; revoked and expired ones do not count', async () => {
    const user = await reg.createUser();
    const now = Date.now();
    const seed = (n: number, extra: { revokedAt?: Date; expiresAt?: Date }) =>
      Array.from({ length: n }, () => {
        const secret = `berth_pat_${randomBytes(32).toString('base64url')}`;
        return { userId: user.id, name: randomName('seed'), tokenHash: hashTokenSecret(secret), prefix: secret.slice(0, 16), ...extra };
      });
    await reg.app.db.accessToken.createMany({
      data: [...seed(99, {}), ...seed(3, { revokedAt: new Date(now) }), ...seed(3, { expiresAt: new Date(now - 1000) })],
    });
    await createToken(user); // the 100th active one
    const over = await callApi(reg, tokensRoute.POST, { method: 'POST', path: '/api/v1/tokens', as: user, body: { name: 'one too many' } });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('LIMIT_EXCEEDED');
    expect(await reg.app.db.accessToken.count({ where: { userId: user.id } })).toBe(106);
  });
});

describe('listing and revoking access tokens', () => {
  it("lists the caller's tokens with their status, and nobody else's", async () => {
    const user = await reg.createUser();
    const other = await reg.createUser();
    const active = await createToken(user, { name: 'active' });
    const expired = await createToken(user, { name: 'expired', expiresInDays: 1 });
    const revoked = await createToken(user, { name: 'revoked' });
    await createToken(other, { name: 'someone-elses' });
    await reg.app.db.accessToken.update({ where: { id: expired.token.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    expect((await callApi(reg, tokenRoute.DELETE, { method: 'DELETE', path: '/', params: { id: revoked.token.id }, as: user })).status).toBe(204);

    const list = await callApi(reg, tokensRoute.GET, { path: '/api/v1/tokens', as: user });
    expect(list.status).toBe(200);
    const byName = Object.fromEntries(list.body.tokens.map((t: { name: string }) => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual(['active', 'expired', 'revoked']);
    expect(byName.active).toEqual({
      id: active.token.id,
      name: 'active',
      prefix: active.token.prefix,
      readOnly: false,
      namespaces: [],
      expiresAt: null,
      lastUsedAt: null,
      revokedAt: null,
      createdAt: active.token.createdAt,
      status: 'active',
    });
    expect(byName.expired.status).toBe('expired');
    expect(byName.revoked).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
  });

  it('revokes a token, which stops working at once on /v2 and the API', async () => {
    const user = await reg.createUser();
    const { token, secret } = await createToken(user);
    expect((await v2Base(withToken(user, secret))).status).toBe(200);
    expect((await callApi(reg, meRoute.GET, { path: '/api/v1/me', as: bearer(secret) })).status).toBe(200);

    const res = await callApi(reg, tokenRoute.DELETE, { method: 'DELETE', path: `/api/v1/tokens/${token.id}`, params: { id: token.id }, as: user });
    expect(res.status).toBe(204);
    const v2 = await v2Base(withToken(user, secret));
    expect(v2.status).toBe(401);
    expect(await errorCode(v2)).toBe('UNAUTHORIZED');
    const api = await callApi(reg, meRoute.GET, { path: '/api/v1/me', as: bearer(secret) });
    expect(api.status).toBe(401);
    expect(api.body.error.code).toBe('UNAUTHORIZED');
    expect((await callApi(reg, meRoute.GET, { path: '/api/v1/me', as: withToken(user, secret) })).status).toBe(401);
    // Revoking again changes nothing.
    expect((await callApi(reg, tokenRoute.DELETE, { method: 'DELETE', path: '/', params: { id: token.id }, as: user })).status).toBe(204);
    const events = await reg.app.db.auditEvent.count({ where: { action: 'auth:RevokeAccessToken', resource: { contains: token.id } } });
    expect(events).toBe(1);
  });

  it('stops an expired token at once', async () => {
    const user = await reg.createUser();
    const { token, secret } = await createToken(user, { expiresInDays: 7 });
    expect((await v2Base(withToken(user, secret))).status).toBe(200);
    await reg.app.db.accessToken.update({ where: { id: token.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await v2Base(withToken(user, secret))).status).toBe(401);
    expect((await callApi(reg, meRoute.GET, { path: '/api/v1/me', as: bearer(secret) })).status).toBe(401);
  });

  it("answers 404 for someone else's token, a malformed id and an unknown id", async () => {
    const owner = await reg.createUser();
    const { token, secret } = await createToken(owner);
    const stranger = await reg.createUser();
    for (const [caller, id] of [
      [stranger, token.id],
      [reg.admin, token.id], // admins revoke other users' tokens through /users/{username}/tokens
      [stranger, 'not-a-uuid'],
      [stranger, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await callApi(reg, tokenRoute.DELETE, { method: 'DELETE', path: '/', params: { id }, as: caller });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await v2Base(withToken(owner, secret))).status).toBe(200);
    expect((await callApi(reg, tokenRoute.DELETE, { method: 'DELETE', path: '/', params: { id: token.id }, as: null })).status).toBe(401);
  });

  it('lets a read-only token neither list nor revoke (tokens are managed with the password or an unrestricted token)', async () => {
    const user = await reg.createUser();
    const target = await createToken(user);
    const { secret } = await createToken(user, { readOnly: true });
    expect((await callApi(reg, tokensRoute.GET, { path: '/api/v1/tokens', as: bearer(secret) })).status).toBe(403);
    const res = await callApi(reg, tokenRoute.DELETE, { method: 'DELETE', path: '/', params: { id: target.token.id }, as: bearer(secret) });
    expect(res.status).toBe(403);
  });
});

describe("administering other users' tokens", () => {
  it('lets an admin list and revoke a user’s tokens', async () => {
    const user = await reg.createUser();
    const { token, secret } = await createToken(user);
    const list = await callApi(reg, userTokensRoute.GET, { path: '/', params: { username: user.username }, as: reg.admin });
    expect(list.status).toBe(200);
    expect(list.body.tokens.map((t: { id: string }) => t.id)).toEqual([token.id]);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const revoked = await callApi(reg, userTokenRoute.DELETE, { method: 'DELETE', path: '/', params: { username: user.username, id: token.id }, as: reg.admin });
    expect(revoked.status).toBe(204);
    expect((await v2Base(withToken(user, secret))).status).toBe(401);
    const event = await reg.app.db.auditEvent.findFirstOrThrow({ where: { action: 'auth:RevokeAccessToken', resource: { contains: token.id } } });
    expect(event.actorName).toBe('admin');
  });

  it('refuses non-admins and answers 404 for unknown users and mismatched tokens', async () => {
    const user = await reg.createUser();
    const other = await reg.createUser();
    const { token } = await createToken(other);
    expect((await callApi(reg, userTokensRoute.GET, { path: '/', params: { username: other.username }, as: user })).status).toBe(403);
    expect((await callApi(reg, userTokenRoute.DELETE, { method: 'DELETE', path: '/', params: { username: other.username, id: token.id }, as: user })).status).toBe(403);
    expect((await callApi(reg, userTokensRoute.GET, { path: '/', params: { username: randomName('nobody') }, as: reg.admin })).status).toBe(404);
    // The token exists, but not under this user.
    const mismatched = await callApi(reg, userTokenRoute.DELETE, { method: 'DELETE', path: '/', params: { username: user.username, id: token.id }, as: reg.admin });
    expect(mismatched.status).toBe(404);
  });
});

describe('access tokens on the registry protocol', () => {
  it('pulls but cannot push with a read-only token', async () => {
    const user = await reg.createUser();
    const ns = await seedNamespace(user);
    const repo = `${ns}/app`;
    await new OciClient(reg, user).pushImage(repo, 'v1');
    const { secret } = await createToken(user, { readOnly: true });
    const client = new OciClient(reg, withToken(user, secret));

    const pull = await client.fetch(`/v2/${repo}/manifests/v1`, { headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' } });
    expect(pull.status).toBe(200);
    const push = await startUpload(withToken(user, secret), repo);
    expect(push.status).toBe(403);
    expect(await errorCode(push)).toBe('DENIED');
    const newRepo = await startUpload(withToken(user, secret), `${ns}/other`);
    expect(newRepo.status).toBe(403);
    expect(await errorCode(newRepo)).toBe('DENIED');
    await expect(client.pushImage(repo, 'v2')).rejects.toThrow(/403/);
    // The password still pushes.
    await new OciClient(reg, user).pushImage(repo, 'v2');
  });

  it('keeps a namespace-limited token inside its namespaces', async () => {
    const admin = await reg.createUser({ admin: true });
    const mine = randomName('ns');
    const elsewhere = randomName('ns');
    await new OciClient(reg, admin).pushImage(`${elsewhere}/secret`, 'v1');
    const { secret } = await createToken(admin, { namespaces: [mine] });
    const client = new OciClient(reg, withToken(admin, secret));

    const hidden = await client.fetch(`/v2/${elsewhere}/secret/manifests/v1`);
    expect(hidden.status).toBe(404);
    expect(await errorCode(hidden)).toBe('NAME_UNKNOWN');
    const tags = await client.fetch(`/v2/${elsewhere}/secret/tags/list`);
    expect(await errorCode(tags)).toBe('NAME_UNKNOWN');
    // Inside its namespace the admin's token works as the admin would, creating the namespace on first push.
    await client.pushImage(`${mine}/app`, 'v1');
    const pull = await client.fetch(`/v2/${mine}/app/manifests/v1`);
    expect(pull.status).toBe(200);
  });
});

describe('OpenAPI', () => {
  it('documents the token endpoints', async () => {
    const doc = await (openapiRoute.GET() as Response).json();
    expect(doc.paths['/api/v1/tokens'].post.requestBody.content['application/json'].schema.properties.expiresInDays).toBeTruthy();
    expect(doc.paths['/api/v1/tokens/{id}'].delete).toBeTruthy();
    expect(doc.paths['/api/v1/users/{username}/tokens'].get.description).toContain('cr:ManageUser');
  });
});
