import { beforeAll, describe, expect, it } from 'vitest';
import * as auditRoute from '@/app/api/v1/audit/route';
import * as tokensRoute from '@/app/api/v1/tokens/route';
import * as policiesRoute from '@/app/api/v1/policies/route';
import * as userPolicyRoute from '@/app/api/v1/users/[username]/policies/[policy]/route';
import * as openapiRoute from '@/app/api/v1/openapi.json/route';
import type { AuditEventDto } from '@/lib/schemas/audit';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { errorCode, OciClient } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';

const reg = useTestRegistry();
// The story the log should tell: `owner` owns `ns` and pushes `ns/app`, which is public; `pusher` tries to push
// there and is refused, then creates an access token; `neighbour` owns `ns2` and pushes to it.
let owner: TestUser;
let pusher: TestUser;
let neighbour: TestUser;
let ns: string;
let ns2: string;
let secret: string;

async function audit(as: TestUser | { authorization: string } | null, query: Record<string, string> = {}) {
  const qs = new URLSearchParams(query).toString();
  return callApi(reg, auditRoute.GET, { path: `/api/v1/audit${qs ? `?${qs}` : ''}`, as });
}

async function items(as: TestUser | { authorization: string } | null, query: Record<string, string> = {}): Promise<AuditEventDto[]> {
  const res = await audit(as, query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
}

/** Refused registry requests are audited without holding up the response: wait for the row. */
async function waitForEvent(where: { actorName: string; outcome: string }) {
  for (let i = 0; i < 100; i++) {
    if (await reg.app.db.auditEvent.count({ where })) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no audit event ${JSON.stringify(where)}`);
}

beforeAll(async () => {
  [owner, pusher, neighbour] = await Promise.all([reg.createUser(), reg.createUser(), reg.createUser()]);
  ns = randomName('ns');
  ns2 = randomName('ns');
  await reg.app.db.namespace.create({ data: { name: ns, ownerId: owner.id } });
  await reg.app.db.namespace.create({ data: { name: ns2, ownerId: neighbour.id } });
  await new OciClient(reg, owner).pushImage(`${ns}/app`, 'v1');
  await new OciClient(reg, neighbour).pushImage(`${ns2}/app`, 'v1');
  await reg.app.db.repository.update({ where: { name: `${ns}/app` }, data: { visibility: 'PUBLIC' } });

  const denied = await new OciClient(reg, pusher).fetch(`/v2/${ns}/app/blobs/uploads/`, { method: 'POST', headers: { 'Content-Length': '0' } });
  expect(denied.status).toBe(403);
  expect(await errorCode(denied)).toBe('DENIED');
  await waitForEvent({ actorName: pusher.username, outcome: 'denied' });

  const token = await callApi(reg, tokensRoute.POST, { method: 'POST', path: '/api/v1/tokens', as: pusher, body: { name: 'ci' } });
  expect(token.status).toBe(201);
  secret = token.body.secret;
});

describe('audit log for admins', () => {
  it('shows a denied push and a created token', async () => {
    const events = await items(reg.admin, { actor: pusher.username });
    const push = events.find((e) => e.action === 'cr:PushRepository');
    expect(push).toMatchObject({
      actorId: pusher.id,
      actorName: pusher.username,
      outcome: 'denied',
      namespace: ns,
      resource: expect.stringContaining(`repository/${ns}/app`),
      via: 'registry',
      sourceIp: expect.any(String),
    });
    const created = events.find((e) => e.action === 'auth:CreateAccessToken');
    expect(created).toMatchObject({ actorName: pusher.username, outcome: 'allowed', namespace: null, detail: { name: 'ci' } });
    expect(JSON.stringify(events)).not.toContain(secret);
    expect(JSON.stringify(events)).not.toContain(secret.slice(16));
    // Newest first.
    const ids = events.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(ids);
  });

  it('filters by actor, action, outcome, namespace, resource and time', async () => {
    const denied = await items(reg.admin, { actor: pusher.username, outcome: 'denied' });
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((e) => e.outcome === 'denied' && e.actorName === pusher.username)).toBe(true);

    const tokens = await items(reg.admin, { action: 'auth:CreateAccessToken', actor: pusher.username });
    expect(tokens).toHaveLength(1);

    const inNs = await items(reg.admin, { namespace: ns });
    expect(inNs.length).toBeGreaterThanOrEqual(2); // the owner's push created the repository; the pusher was refused
    expect(inNs.every((e) => e.namespace === ns)).toBe(true);
    expect(inNs.map((e) => e.actorName)).toEqual(expect.arrayContaining([owner.username, pusher.username]));

    const byResource = await items(reg.admin, { resource: `${ns2}/app` });
    expect(byResource.length).toBeGreaterThan(0);
    expect(byResource.every((e) => e.resource.includes(`${ns2}/app`))).toBe(true);

    const today = new Date().toISOString().slice(0, 10);
    expect((await items(reg.admin, { actor: pusher.username, from: today, to: today })).length).toBe(denied.length + tokens.length);
    expect(await items(reg.admin, { actor: pusher.username, from: new Date(Date.now() + 3600_000).toISOString() })).toEqual([]);
    expect(await items(reg.admin, { actor: pusher.username, to: '2000-01-01T00:00:00Z' })).toEqual([]);
    // An empty parameter is no filter.
    expect((await items(reg.admin, { actor: pusher.username, namespace: '' })).length).toBe(denied.length + tokens.length);
  });

  it('pages by cursor, newest first, without gaps or repeats', async () => {
    const all = await items(reg.admin, { limit: '200' });
    expect(all.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const res = await audit(reg.admin, { limit: '2', ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((e: AuditEventDto) => e.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
      expect(cursor).toBe(res.body.items[1].id);
    }
    // Events written while paging (none here) would only appear above the first page.
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it('lets a user with a policy granting cr:GetAudit read everything', async () => {
    const auditor = await reg.createUser();
    const policy = randomName('Auditor');
    const created = await callApi(reg, policiesRoute.POST, {
      method: 'POST',
      path: '/',
      as: reg.admin,
      body: { name: policy, document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'cr:GetAudit', Resource: '*' }] } },
    });
    expect(created.status).toBe(201);
    await callApi(reg, userPolicyRoute.PUT, { method: 'PUT', path: '/', params: { username: auditor.username, policy }, as: reg.admin });
    const events = await items(auditor, { actor: pusher.username });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['cr:PushRepository', 'auth:CreateAccessToken']));
  });

  it('rejects bad query parameters with field errors', async () => {
    for (const [query, field] of [
      [{ limit: '201' }, 'limit'],
      [{ limit: '0' }, 'limit'],
      [{ cursor: 'abc' }, 'cursor'],
      [{ from: 'yesterday' }, 'from'],
      [{ outcome: 'maybe' }, 'outcome'],
    ] as const) {
      const res = await audit(reg.admin, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
    }
  });
});

describe('audit log for everyone else', () => {
  it("shows a namespace owner their namespace's events, others' included, and nothing else", async () => {
    const events = await items(owner);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.namespace === ns)).toBe(true);
    const refused = events.find((e) => e.actorName === pusher.username && e.action === 'cr:PushRepository');
    expect(refused).toMatchObject({ outcome: 'denied', sourceIp: null });
    expect(events.some((e) => e.action === 'auth:CreateAccessToken')).toBe(false);
    // Asking for someone else's namespace, or for what has no namespace, finds nothing.
    expect(await items(owner, { namespace: ns2 })).toEqual([]);
    expect(await items(owner, { action: 'auth:CreateAccessToken' })).toEqual([]);

    const neighbourEvents = await items(neighbour);
    expect(neighbourEvents.length).toBeGreaterThan(0);
    expect(neighbourEvents.every((e) => e.namespace === ns2)).toBe(true);
  });

  it('shows nothing to a user who owns no namespace, and refuses anonymous callers', async () => {
    const res = await audit(pusher);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
    expect((await audit({ authorization: `Bearer ${secret}` })).body.items).toEqual([]);
    const anon = await audit(null);
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('UNAUTHORIZED');
  });

  it("narrows an admin's namespace-limited token to its namespaces", async () => {
    const admin = await reg.createUser({ admin: true });
    const created = await callApi(reg, tokensRoute.POST, { method: 'POST', path: '/', as: admin, body: { name: 'ns-only', namespaces: [ns2] } });
    expect(created.status).toBe(201);
    const events = await items({ authorization: `Bearer ${created.body.secret}` });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.namespace === ns2)).toBe(true);
  });
});

describe('OpenAPI', () => {
  it('documents the audit query', async () => {
    const openapi = await (openapiRoute.GET() as Response).json();
    const params = openapi.paths['/api/v1/audit'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(['actor', 'action', 'outcome', 'namespace', 'resource', 'from', 'to', 'cursor', 'limit']);
  });
});
