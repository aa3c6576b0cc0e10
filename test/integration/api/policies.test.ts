import { describe, expect, it } from 'vitest';
import * as policiesRoute from '@/app/api/v1/policies/route';
import * as policyRoute from '@/app/api/v1/policies/[name]/route';
import * as simulateRoute from '@/app/api/v1/policies/simulate/route';
import * as userPolicyRoute from '@/app/api/v1/users/[username]/policies/[policy]/route';
import * as meRoute from '@/app/api/v1/me/route';
import * as openapiRoute from '@/app/api/v1/openapi.json/route';
import { BUILTIN_POLICIES } from '@/lib/access/builtin-policies';
import { instanceResource, namespaceResource, repositoryResource } from '@/lib/access/resource';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { errorCode, OciClient } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';

const reg = useTestRegistry();

const ctx = () => ({ region: reg.app.config.region, account: reg.app.config.account });
const repoArn = (name: string) => repositoryResource(ctx(), name);

const doc = (...Statement: Array<Record<string, unknown>>) => ({ Version: '1', Statement });
const DENY_PUSH = doc({ Effect: 'Deny', Action: 'cr:PushRepository', Resource: '*' });

async function createPolicy(document: unknown, name = randomName('P'), description?: string) {
  const res = await callApi(reg, policiesRoute.POST, { method: 'POST', path: '/api/v1/policies', as: reg.admin, body: { name, document, ...(description ? { description } : {}) } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return name;
}

function attach(username: string, policy: string, as: TestUser = reg.admin) {
  return callApi(reg, userPolicyRoute.PUT, { method: 'PUT', path: '/', params: { username, policy }, as });
}

function detach(username: string, policy: string, as: TestUser = reg.admin) {
  return callApi(reg, userPolicyRoute.DELETE, { method: 'DELETE', path: '/', params: { username, policy }, as });
}

function simulate(body: Record<string, unknown>, as: TestUser | null = reg.admin) {
  return callApi(reg, simulateRoute.POST, { method: 'POST', path: '/api/v1/policies/simulate', as, body });
}

/** A namespace owned by `owner` with one repository in it, seeded directly. */
async function seedRepository(owner: TestUser, visibility: 'PUBLIC' | 'PRIVATE' = 'PRIVATE') {
  const ns = await reg.app.db.namespace.create({ data: { name: randomName('ns'), ownerId: owner.id } });
  const repo = await reg.app.db.repository.create({ data: { name: `${ns.name}/app`, namespaceId: ns.id, visibility } });
  return { ns, repo };
}

const fieldPaths = (body: { error: { details: { fields: Array<{ path: string }> } } }) => body.error.details.fields.map((f) => f.path);

describe('policies API', () => {
  it('lists the built-in policies from code and custom ones, each with its users', async () => {
    const user = await reg.createUser();
    const name = await createPolicy(doc({ Effect: 'Allow', Action: 'cr:PullRepository', Resource: '*' }), undefined, 'pull anything');
    expect((await attach(user.username, name)).status).toBe(200);
    expect((await attach(user.username, 'ReadOnlyAccess')).status).toBe(200);

    const res = await callApi(reg, policiesRoute.GET, { path: '/api/v1/policies', as: reg.admin });
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.policies.map((p: { name: string }) => [p.name, p]));
    expect(res.body.policies.slice(0, 2).map((p: { name: string }) => p.name)).toEqual(['AdministratorAccess', 'ReadOnlyAccess']);
    expect(byName.AdministratorAccess).toMatchObject({ builtin: true, document: BUILTIN_POLICIES.AdministratorAccess, createdAt: null });
    expect(byName.ReadOnlyAccess.users).toContain(user.username);
    expect(byName[name]).toEqual({
      name,
      description: 'pull anything',
      builtin: false,
      document: doc({ Effect: 'Allow', Action: 'cr:PullRepository', Resource: '*' }),
      users: [user.username],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('refuses non-admins and anonymous callers', async () => {
    const user = await reg.createUser();
    expect((await callApi(reg, policiesRoute.GET, { path: '/', as: user })).status).toBe(403);
    expect((await callApi(reg, policiesRoute.GET, { path: '/', as: null })).status).toBe(401);
    const create = await callApi(reg, policiesRoute.POST, { method: 'POST', path: '/', as: user, body: { name: randomName('P'), document: DENY_PUSH } });
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe('FORBIDDEN');
    expect((await callApi(reg, policyRoute.GET, { path: '/', params: { name: 'ReadOnlyAccess' }, as: user })).status).toBe(403);
    expect((await attach(user.username, 'AdministratorAccess', user)).status).toBe(403);
    expect((await callApi(reg, meRoute.GET, { path: '/api/v1/me', as: user })).body.policies).toEqual([]);
  });

  it('creates a policy from JSON text as well as from an object', async () => {
    const name = randomName('P');
    const text = JSON.stringify(DENY_PUSH, null, 2);
    const res = await callApi(reg, policiesRoute.POST, { method: 'POST', path: '/', as: reg.admin, body: { name, document: text } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name, builtin: false, description: '', document: DENY_PUSH, users: [] });
    const row = await reg.app.db.policy.findUniqueOrThrow({ where: { name } });
    expect(row.document).toEqual(DENY_PUSH);
    const event = await reg.app.db.auditEvent.findFirst({ where: { action: 'cr:ManagePolicy', resource: `policy/${name}` } });
    expect(event?.detail).toEqual({ op: 'create' });
  });

  it('reserves built-in names and refuses duplicates and bad names', async () => {
    for (const name of ['AdministratorAccess', 'readonlyaccess', 'simulate']) {
      const res = await callApi(reg, policiesRoute.POST, { method: 'POST', path: '/', as: reg.admin, body: { name, document: DENY_PUSH } });
      expect(res.status, name).toBe(409);
      expect(res.body.error.code).toBe('CONFLICT');
    }
    const name = await createPolicy(DENY_PUSH);
    const dup = await callApi(reg, policiesRoute.POST, { method: 'POST', path: '/', as: reg.admin, body: { name, document: DENY_PUSH } });
    expect(dup.status).toBe(409);
    const bad = await callApi(reg, policiesRoute.POST, { method: 'POST', path: '/', as: reg.admin, body: { name: 'has space', document: [] } });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body).sort()).toEqual(['document', 'name']);
    const long = await callApi(reg, policiesRoute.POST, { method: 'POST', path: '/', as: reg.admin, body: { name: 'x'.repeat(65), document: DENY_PUSH } });
    expect(fieldPaths(long.body)).toEqual(['name']);
  });

  it('points validation errors at the faulty statement', async () => {
    const post = (document: unknown) => callApi(reg, policiesRoute.POST, { method: 'POST', path: '/', as: reg.admin, body: { name: randomName('P'), document } });

    const first = await post(doc({ Effect: 'Allow', Action: ['cr:PullRepositry'], Resource: '*' }));
    expect(first.status).toBe(400);
    expect(first.body.error.code).toBe('VALIDATION_FAILED');
    expect(first.body.error.details.fields).toEqual([{ path: 'document.Statement[0].Action[0]', message: expect.stringContaining('cr:PullRepositry') }]);

    const second = await post(
      doc(
        { Effect: 'Allow', Action: 'cr:PullRepository', Resource: '*' },
        { Effect: 'Maybe', Action: ['cr:PushRepository', 'cr:Nope*'], Resource: 'repository/x', Condition: {} },
      ),
    );
    expect(second.status).toBe(400);
    expect(fieldPaths(second.body).sort()).toEqual([
      'document.Statement[1].Action[1]',
      'document.Statement[1].Condition',
      'document.Statement[1].Effect',
      'document.Statement[1].Resource',
    ]);

    const shape = await post({ Statement: [] });
    expect(fieldPaths(shape.body).sort()).toEqual(['document.Statement', 'document.Version']);
  });

  it('reports the line and column of a JSON syntax error', async () => {
    const text = '{\n  "Version": "1",\n  "Statement": [\n    {"Effect": "Allow" "Action": "cr:*", "Resource": "*"}\n  ]\n}';
    const res = await callApi(reg, policiesRoute.POST, { method: 'POST', path: '/', as: reg.admin, body: { name: randomName('P'), document: text } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const [field] = res.body.error.details.fields;
    expect(field).toMatchObject({ path: 'document', line: 4, column: text.split('\n')[3]!.indexOf('"Action"') + 1 });
    expect(field.message).toMatch(/line 4, column/);
  });

  it('gets, replaces and deletes a custom policy; built-ins are read-only', async () => {
    const user = await reg.createUser();
    const name = await createPolicy(DENY_PUSH);
    await attach(user.username, name);

    const got = await callApi(reg, policyRoute.GET, { path: '/', params: { name }, as: reg.admin });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ name, document: DENY_PUSH, users: [user.username] });
    const builtin = await callApi(reg, policyRoute.GET, { path: '/', params: { name: 'ReadOnlyAccess' }, as: reg.admin });
    expect(builtin.body).toMatchObject({ builtin: true, document: BUILTIN_POLICIES.ReadOnlyAccess });
    expect((await callApi(reg, policyRoute.GET, { path: '/', params: { name: randomName('P') }, as: reg.admin })).status).toBe(404);

    const replacement = doc({ Effect: 'Deny', Action: 'cr:DeleteRepository', Resource: '*' });
    const put = await callApi(reg, policyRoute.PUT, { method: 'PUT', path: '/', params: { name }, as: reg.admin, body: { description: 'no deleting', document: replacement } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name, description: 'no deleting', document: replacement, users: [user.username] });
    const badPut = await callApi(reg, policyRoute.PUT, { method: 'PUT', path: '/', params: { name }, as: reg.admin, body: { document: doc({ Effect: 'Deny', Action: 'cr:Fly', Resource: '*' }) } });
    expect(badPut.status).toBe(400);
    expect(fieldPaths(badPut.body)).toEqual(['document.Statement[0].Action']);
    const missing = await callApi(reg, policyRoute.PUT, { method: 'PUT', path: '/', params: { name: randomName('P') }, as: reg.admin, body: { document: replacement } });
    expect(missing.status).toBe(404);

    for (const route of [policyRoute.PUT, policyRoute.DELETE]) {
      const res = await callApi(reg, route, { method: route === policyRoute.PUT ? 'PUT' : 'DELETE', path: '/', params: { name: 'AdministratorAccess' }, as: reg.admin, body: route === policyRoute.PUT ? { document: DENY_PUSH } : undefined });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/built-in/);
    }

    const del = await callApi(reg, policyRoute.DELETE, { method: 'DELETE', path: '/', params: { name }, as: reg.admin });
    expect(del.status).toBe(204);
    expect(await reg.app.db.userPolicy.count({ where: { policyName: name } })).toBe(0);
    expect((await callApi(reg, meRoute.GET, { path: '/api/v1/me', as: user })).body.policies).toEqual([]);
    expect((await callApi(reg, policyRoute.DELETE, { method: 'DELETE', path: '/', params: { name }, as: reg.admin })).status).toBe(404);
    const event = await reg.app.db.auditEvent.findFirst({ where: { resource: `policy/${name}`, detail: { path: ['op'], equals: 'delete' } } });
    expect(event?.detail).toMatchObject({ detachedFrom: [user.username] });
  });

  it('attaches and detaches built-in and custom policies', async () => {
    const user = await reg.createUser();
    const custom = await createPolicy(DENY_PUSH);
    const first = await attach(user.username, custom);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ username: user.username, policies: [custom] });
    expect((await attach(user.username, custom)).body.policies).toEqual([custom]); // again: no change
    expect((await attach(user.username, 'ReadOnlyAccess')).body.policies).toEqual([custom, 'ReadOnlyAccess'].sort());
    expect((await callApi(reg, meRoute.GET, { path: '/api/v1/me', as: user })).body.policies).toEqual([custom, 'ReadOnlyAccess'].sort());

    const unknownPolicy = await attach(user.username, randomName('P'));
    expect(unknownPolicy.status).toBe(404);
    expect(unknownPolicy.body.error.code).toBe('NOT_FOUND');
    expect((await attach(randomName('nobody'), custom)).status).toBe(404);

    const detached = await detach(user.username, custom);
    expect(detached.status).toBe(200);
    expect(detached.body).toEqual({ username: user.username, policies: ['ReadOnlyAccess'] });
    expect((await detach(user.username, custom)).status).toBe(200); // already detached: no change
    expect((await detach(user.username, randomName('P'))).status).toBe(404);
    expect((await detach(randomName('nobody'), 'ReadOnlyAccess')).status).toBe(404);
    expect((await detach(user.username, 'ReadOnlyAccess', user)).status).toBe(403);
  });

  it('refuses a push over /v2 while a Deny policy is attached to an admin, and allows it once detached', async () => {
    const admin = await reg.createUser({ admin: true });
    const repo = `${randomName('ns')}/app`;
    const client = new OciClient(reg, admin);
    await client.pushImage(repo, 'v1');
    const deny = await createPolicy(DENY_PUSH);
    expect((await attach(admin.username, deny)).status).toBe(200);

    const upload = await client.fetch(`/v2/${repo}/blobs/uploads/`, { method: 'POST', headers: { 'Content-Length': '0' } });
    expect(upload.status).toBe(403);
    expect(await errorCode(upload)).toBe('DENIED');
    await expect(client.pushImage(repo, 'v2')).rejects.toThrow(/403/);
    // Pulling is not denied.
    expect((await client.fetch(`/v2/${repo}/manifests/v1`)).status).toBe(200);

    expect((await detach(admin.username, deny)).status).toBe(200);
    await client.pushImage(repo, 'v2');
  });
});

describe('access simulator', () => {
  it('explains an allow through a grant', async () => {
    const owner = await reg.createUser();
    const { ns, repo } = await seedRepository(owner);
    const res = await simulate({ username: owner.username, action: 'cr:PushRepository', resource: repoArn(repo.name) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      decision: 'allow',
      reason: 'allowed',
      matched: [{ kind: 'grant', source: 'owner', level: 'admin' }],
      explanation: expect.stringContaining('namespace owner'),
      resourceExists: true,
    });

    const reader = await reg.createUser();
    await reg.app.db.repositoryPermission.create({ data: { repositoryId: repo.id, userId: reader.id, level: 'READ' } });
    const pull = await simulate({ username: reader.username, action: 'cr:PullRepository', resource: repoArn(repo.name) });
    expect(pull.body).toMatchObject({ decision: 'allow', matched: [{ kind: 'grant', source: 'repository', level: 'read' }] });
    const push = await simulate({ username: reader.username, action: 'cr:PushRepository', resource: repoArn(repo.name) });
    expect(push.body).toMatchObject({ decision: 'deny', reason: 'implicit-deny', matched: [] });

    const nsAdmin = await simulate({ username: owner.username, action: 'cr:DeleteNamespace', resource: namespaceResource(ctx(), ns.name) });
    expect(nsAdmin.body).toMatchObject({ decision: 'allow', matched: [{ kind: 'grant', source: 'owner' }], resourceExists: true });
    // A repository that does not exist yet: the namespace owner may still create it by pushing.
    const missing = await simulate({ username: owner.username, action: 'cr:CreateRepository', resource: repoArn(`${ns.name}/not-yet`) });
    expect(missing.body).toMatchObject({ decision: 'allow', matched: [{ kind: 'grant', source: 'owner' }], resourceExists: false });

    const admin = await simulate({ username: 'admin', action: 'cr:ManageUser', resource: instanceResource(ctx()) });
    expect(admin.body).toMatchObject({ decision: 'allow', matched: [{ kind: 'grant', source: 'admin' }] });
  });

  it('counts a public repository as a read grant for anyone', async () => {
    const owner = await reg.createUser();
    const stranger = await reg.createUser();
    const { repo } = await seedRepository(owner, 'PUBLIC');
    const pull = await simulate({ username: stranger.username, action: 'cr:PullRepository', resource: repoArn(repo.name) });
    expect(pull.body).toMatchObject({ decision: 'allow', matched: [{ kind: 'grant', source: 'public', level: 'read' }] });
    const push = await simulate({ username: stranger.username, action: 'cr:PushRepository', resource: repoArn(repo.name) });
    expect(push.body.decision).toBe('deny');
  });

  it('explains an allow through a policy statement, by policy name and statement index', async () => {
    const owner = await reg.createUser();
    const user = await reg.createUser();
    const { ns, repo } = await seedRepository(owner);
    const policy = await createPolicy(
      doc(
        { Effect: 'Allow', Action: 'cr:GetAudit', Resource: '*' },
        { Effect: 'Allow', Action: ['cr:PullRepository', 'cr:ListTag'], Resource: `acs:cr:*:*:repository/${ns.name}/*` },
      ),
    );
    await attach(user.username, policy);
    const res = await simulate({ username: user.username, action: 'cr:PullRepository', resource: repoArn(repo.name) });
    expect(res.body).toEqual({
      decision: 'allow',
      reason: 'allowed',
      matched: [{ kind: 'policy', policy, statementIndex: 1, effect: 'Allow' }],
      explanation: `Allowed by policy "${policy}" statement 1 (Allow).`,
      resourceExists: true,
    });
    // A repository that does not exist is evaluated with policies only.
    const missing = await simulate({ username: user.username, action: 'cr:PullRepository', resource: repoArn(`${ns.name}/ghost`) });
    expect(missing.body).toMatchObject({ decision: 'allow', matched: [{ kind: 'policy', policy, statementIndex: 1 }], resourceExists: false });
  });

  it('explains an explicit deny, which beats grants, and an implicit deny', async () => {
    const owner = await reg.createUser();
    const { repo } = await seedRepository(owner);
    const deny = await createPolicy(doc({ Effect: 'Allow', Action: 'cr:GetAudit', Resource: '*' }, { Effect: 'Deny', Action: 'cr:PushRepository', Resource: '*' }));
    await attach(owner.username, deny);
    const res = await simulate({ username: owner.username, action: 'cr:PushRepository', resource: repoArn(repo.name) });
    expect(res.body).toMatchObject({
      decision: 'deny',
      reason: 'explicit-deny',
      matched: [{ kind: 'policy', policy: deny, statementIndex: 1, effect: 'Deny' }],
    });
    expect(res.body.explanation).toContain(deny);

    const stranger = await reg.createUser();
    const implicit = await simulate({ username: stranger.username, action: 'cr:PullRepository', resource: repoArn(repo.name) });
    expect(implicit.body).toEqual({
      decision: 'deny',
      reason: 'implicit-deny',
      matched: [],
      explanation: expect.stringContaining('Denied implicitly'),
      resourceExists: true,
    });
  });

  it('lets users simulate themselves only, and admins anyone', async () => {
    const user = await reg.createUser();
    const other = await reg.createUser();
    const resource = repoArn(`${randomName('ns')}/app`);
    expect((await simulate({ username: user.username, action: 'cr:PullRepository', resource }, user)).status).toBe(200);
    const forOther = await simulate({ username: other.username, action: 'cr:PullRepository', resource }, user);
    expect(forOther.status).toBe(403);
    expect((await simulate({ username: other.username, action: 'cr:PullRepository', resource }, null)).status).toBe(401);
    expect((await simulate({ username: randomName('nobody'), action: 'cr:PullRepository', resource })).status).toBe(404);

    await reg.app.db.user.update({ where: { id: other.id }, data: { disabled: true } });
    const disabled = await simulate({ username: other.username, action: 'cr:PullRepository', resource });
    expect(disabled.body).toMatchObject({ decision: 'deny', reason: 'implicit-deny', explanation: expect.stringContaining('disabled') });
  });

  it('answers field errors for an unknown action and a malformed, wildcard or foreign resource', async () => {
    const user = await reg.createUser();
    const bad = await simulate({ username: user.username, action: 'cr:Fly', resource: 'repository/a/b' });
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body).sort()).toEqual(['action', 'resource']);
    const pattern = await simulate({ username: user.username, action: 'cr:PullRepository', resource: 'acs:cr:*:*:repository/a/*' });
    expect(fieldPaths(pattern.body)).toEqual(['resource']);
    const foreign = await simulate({ username: user.username, action: 'cr:PullRepository', resource: 'acs:cr:elsewhere:other:repository/a/b' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.fields[0]).toMatchObject({ path: 'resource', message: expect.stringContaining('another installation') });
  });
});

describe('OpenAPI', () => {
  it('documents the policy endpoints', async () => {
    const openapi = await (openapiRoute.GET() as Response).json();
    for (const path of ['/api/v1/policies', '/api/v1/policies/{name}', '/api/v1/policies/simulate', '/api/v1/users/{username}/policies/{policy}']) {
      expect(openapi.paths[path], path).toBeTruthy();
    }
    expect(openapi.paths['/api/v1/policies'].post.description).toContain('cr:ManagePolicy');
  });
});
