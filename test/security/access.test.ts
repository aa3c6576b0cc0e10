import { describe, expect, it } from 'vitest';
import * as simulateRoute from '@/app/api/v1/policies/simulate/route';
import * as auditRoute from '@/app/api/v1/audit/route';
import * as namespaceRoute from '@/app/api/v1/namespaces/[namespace]/route';
import * as tokensRoute from '@/app/api/v1/tokens/route';
import * as tokenRoute from '@/app/api/v1/tokens/[id]/route';
import * as usersRoute from '@/app/api/v1/users/route';
import * as userRoute from '@/app/api/v1/users/[username]/route';
import * as userTokensRoute from '@/app/api/v1/users/[username]/tokens/route';
import { namespaceResource, repositoryResource } from '@/lib/access/resource';
import { callApi } from '../support/api';
import { randomName } from '../support/database';
import { useTestRegistry, type TestUser } from '../support/registry';

const reg = useTestRegistry({ namespaceLimit: 10 });

const ctx = () => ({ region: reg.app.config.region, account: reg.app.config.account });

async function seedPrivateRepository(owner: TestUser) {
  const ns = await reg.app.db.namespace.create({ data: { name: randomName('ns'), ownerId: owner.id } });
  const repo = await reg.app.db.repository.create({ data: { name: `${ns.name}/app`, namespaceId: ns.id, visibility: 'PRIVATE' } });
  return { ns, repo };
}

async function createToken(user: TestUser, body: Record<string, unknown>) {
  const res = await callApi(reg, tokensRoute.POST, { method: 'POST', path: '/api/v1/tokens', as: user, body: { name: randomName('tok'), ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { token: { id: string }; secret: string };
}

describe('finding 3: the simulator answers for hidden resources as for missing ones', () => {
  it('gives a non-owner the same answer for a private repository and namespace of someone else as for missing ones', async () => {
    const alice = await reg.createUser();
    const bob = await reg.createUser();
    const { ns, repo } = await seedPrivateRepository(alice);
    const simulate = (resource: string) =>
      callApi(reg, simulateRoute.POST, { method: 'POST', path: '/api/v1/policies/simulate', as: bob, body: { username: bob.username, action: 'cr:PullRepository', resource } });
    const hiddenRepo = await simulate(repositoryResource(ctx(), repo.name));
    const missingRepo = await simulate(repositoryResource(ctx(), `${randomName('ns')}/app`));
    expect(hiddenRepo.status).toBe(200);
    expect(hiddenRepo.body.resourceExists).toBe(false);
    const strip = (b: { explanation: string }) => ({ ...b, explanation: b.explanation.replace(/acs:\S+/g, 'R') });
    expect(strip(hiddenRepo.body)).toEqual(strip(missingRepo.body));
    const hiddenNs = await simulate(namespaceResource(ctx(), ns.name));
    const missingNs = await simulate(namespaceResource(ctx(), randomName('ns')));
    expect(hiddenNs.body.resourceExists).toBe(false);
    expect(strip(hiddenNs.body)).toEqual(strip(missingNs.body));
    // The owner still learns that it exists.
    const own = await callApi(reg, simulateRoute.POST, {
      method: 'POST',
      path: '/api/v1/policies/simulate',
      as: alice,
      body: { username: alice.username, action: 'cr:PullRepository', resource: repositoryResource(ctx(), repo.name) },
    });
    expect(own.body.resourceExists).toBe(true);
  });

  it('hides from a namespace-limited token what lies outside its namespaces', async () => {
    const alice = await reg.createUser();
    const { repo } = await seedPrivateRepository(alice);
    const { ns: other } = await seedPrivateRepository(alice);
    const { secret } = await createToken(alice, { namespaces: [other.name] });
    const res = await callApi(reg, simulateRoute.POST, {
      method: 'POST',
      path: '/api/v1/policies/simulate',
      as: { authorization: `Bearer ${secret}` },
      body: { username: alice.username, action: 'cr:PullRepository', resource: repositoryResource(ctx(), repo.name) },
    });
    expect(res.status).toBe(200);
    expect(res.body.resourceExists).toBe(false);
  });
});

describe('finding 4: audit history belongs to a namespace, not to its name', () => {
  it('does not show the events of a deleted namespace to the owner of a new one with the same name', async () => {
    const alice = await reg.createUser();
    const bob = await reg.createUser();
    const name = randomName('shared');
    await reg.app.db.namespace.create({ data: { name, ownerId: alice.id } });
    const patch = (as: TestUser) =>
      callApi(reg, namespaceRoute.PATCH, { method: 'PATCH', path: `/api/v1/namespaces/${name}`, params: { namespace: name }, as, body: { autoCreateRepository: false } });
    expect((await patch(alice)).status).toBe(200);
    const del = await callApi(reg, namespaceRoute.DELETE, { method: 'DELETE', path: `/api/v1/namespaces/${name}?confirm=${name}`, params: { namespace: name }, as: alice, body: { confirm: name } });
    expect(del.status, JSON.stringify(del.body)).toBe(204);
    await reg.app.db.namespace.create({ data: { name, ownerId: bob.id } });
    expect((await patch(bob)).status).toBe(200);
    const bobView = await callApi(reg, auditRoute.GET, { path: `/api/v1/audit?namespace=${name}`, as: bob });
    expect(bobView.status).toBe(200);
    const actors = (bobView.body.items as Array<{ actorName: string }>).map((e) => e.actorName);
    expect(actors).toContain(bob.username);
    expect(actors).not.toContain(alice.username);
    // Administrators still see everything.
    const adminView = await callApi(reg, auditRoute.GET, { path: `/api/v1/audit?namespace=${name}`, as: reg.admin });
    const adminActors = (adminView.body.items as Array<{ actorName: string }>).map((e) => e.actorName);
    expect(adminActors).toEqual(expect.arrayContaining([alice.username, bob.username]));
  });
});

describe('finding 6: limited tokens cannot manage tokens or the account', () => {
  it('refuses read-only and namespace-limited tokens to list, create or revoke tokens', async () => {
    const user = await reg.createUser();
    const victim = await createToken(user, {});
    const { ns } = await seedPrivateRepository(user);
    for (const limits of [{ namespaces: [ns.name] }, { readOnly: true }]) {
      const { secret } = await createToken(user, limits);
      const as = { authorization: `Bearer ${secret}` };
      const revoke = await callApi(reg, tokenRoute.DELETE, { method: 'DELETE', path: `/api/v1/tokens/${victim.token.id}`, params: { id: victim.token.id }, as });
      expect(revoke.status, JSON.stringify(limits)).toBe(403);
      const list = await callApi(reg, tokensRoute.GET, { path: '/api/v1/tokens', as });
      expect(list.status).toBe(403);
      const create = await callApi(reg, tokensRoute.POST, { method: 'POST', path: '/api/v1/tokens', as, body: { name: randomName('t') } });
      expect(create.status).toBe(403);
    }
    // The victim token still works; an unrestricted token may still list.
    const full = await createToken(user, {});
    const list = await callApi(reg, tokensRoute.GET, { path: '/api/v1/tokens', as: { authorization: `Bearer ${full.secret}` } });
    expect(list.status).toBe(200);
    expect(list.body.tokens.some((t: { id: string; status: string }) => t.id === victim.token.id && t.status === 'active')).toBe(true);
  });

  it("refuses a limited token of an administrator to manage users or other users' tokens", async () => {
    const { ns } = await seedPrivateRepository(reg.admin);
    const { secret } = await createToken(reg.admin, { namespaces: [ns.name] });
    const as = { authorization: `Bearer ${secret}` };
    const other = await reg.createUser();
    const create = await callApi(reg, usersRoute.POST, { method: 'POST', path: '/api/v1/users', as, body: { username: randomName('u'), password: 'password-123', isAdmin: true } });
    expect(create.status).toBe(403);
    const reset = await callApi(reg, userRoute.PATCH, { method: 'PATCH', path: `/api/v1/users/${other.username}`, params: { username: other.username }, as, body: { password: 'new-password-1' } });
    expect(reset.status).toBe(403);
    const tokens = await callApi(reg, userTokensRoute.GET, { path: `/api/v1/users/${other.username}/tokens`, params: { username: other.username }, as });
    expect(tokens.status).toBe(403);
  });
});
