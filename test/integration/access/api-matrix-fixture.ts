import { expect } from 'vitest';
import * as repositoriesRoute from '@/app/api/v1/repositories/route';
import * as namespaceRoute from '@/app/api/v1/namespaces/[namespace]/route';
import { displayPrefix, generateTokenSecret, hashTokenSecret } from '@/lib/services/tokens/token-secret';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import { startTestRegistry, type TestRegistry, type TestUser } from '../../support/registry';

// Who may do what over the REST API: the callers of registry-matrix.test.ts against a public and a private
// repository (or namespace), asserting the exact status, and that whatever a caller may not see answers exactly
// like something that does not exist. The rules are here; the api-matrix-*.test.ts files hold the requests.

export type Who =
  | 'anonymous' | 'no-grant' | 'read' | 'write' | 'repo-admin' | 'namespace-read' | 'owner' | 'admin'
  | 'deny-policy' | 'admin-deny-policy' | 'read-only-policy' | 'disabled' | 'revoked-token' | 'read-only-token';
export type Vis = 'public' | 'private';
export type As = TestUser | { authorization: string } | null;
export type ApiResult = Awaited<ReturnType<typeof callApi>>;

export const WHO: Who[] = ['anonymous', 'no-grant', 'read', 'write', 'repo-admin', 'namespace-read', 'owner', 'admin', 'deny-policy', 'admin-deny-policy', 'read-only-policy', 'disabled', 'revoked-token', 'read-only-token'];
export const VIS: Vis[] = ['public', 'private'];

export type Endpoint =
  | 'list-repositories' | 'get-repository' | 'patch-repository' | 'delete-repository' | 'list-tags' | 'get-tag' | 'delete-tag'
  | 'list-repository-permissions' | 'put-repository-permission' | 'delete-repository-permission'
  | 'list-namespaces' | 'get-namespace' | 'patch-namespace' | 'list-namespace-permissions' | 'put-namespace-permission'
  | 'create-namespace' | 'list-users' | 'create-user' | 'list-policies' | 'create-policy' | 'simulate'
  | 'audit' | 'list-tokens' | 'create-token';

type Rule =
  /** On the public or the private repository: `read` needs only to see it, `admin` needs the repository-admin actions. */
  | { scope: 'repository'; need: 'read' | 'admin' }
  /** On the namespace holding a public repository, or the one holding only a private repository. */
  | { scope: 'namespace'; need: 'read' | 'admin' }
  /** Installation-wide actions (cr:ManageUser, cr:ManagePolicy, cr:CreateNamespace): admins, or a policy. */
  | { scope: 'instance' }
  /** The caller's own view (listings filtered to what it may see, its audit events, its tokens): any signed-in caller. */
  | { scope: 'self' };

const R = (need: 'read' | 'admin'): Rule => ({ scope: 'repository', need });
const N = (need: 'read' | 'admin'): Rule => ({ scope: 'namespace', need });
const INSTANCE: Rule = { scope: 'instance' };
const SELF: Rule = { scope: 'self' };

/** Success status; `anonymous`: the route is `auth: 'optional'` (anonymous callers get what is public). */
const ENDPOINTS: Record<Endpoint, { ok: number; anonymous?: true; rule: Rule }> = {
  'list-repositories': { ok: 200, anonymous: true, rule: SELF },
  'get-repository': { ok: 200, anonymous: true, rule: R('read') },
  'patch-repository': { ok: 200, rule: R('admin') }, // cr:UpdateRepository
  'delete-repository': { ok: 204, rule: R('admin') }, // cr:DeleteRepository
  'list-tags': { ok: 200, anonymous: true, rule: R('read') },
  'get-tag': { ok: 200, anonymous: true, rule: R('read') },
  'delete-tag': { ok: 204, rule: R('admin') }, // cr:DeleteTag
  // Listing who holds grants is managing them (cr:ManagePermission), not reading the repository.
  'list-repository-permissions': { ok: 200, rule: R('admin') },
  'put-repository-permission': { ok: 200, rule: R('admin') },
  'delete-repository-permission': { ok: 204, rule: R('admin') },
  'list-namespaces': { ok: 200, anonymous: true, rule: SELF },
  'get-namespace': { ok: 200, anonymous: true, rule: N('read') },
  'patch-namespace': { ok: 200, rule: N('admin') }, // cr:UpdateNamespace
  'list-namespace-permissions': { ok: 200, rule: N('admin') },
  'put-namespace-permission': { ok: 200, rule: N('admin') },
  'create-namespace': { ok: 201, rule: INSTANCE },
  'list-users': { ok: 200, rule: INSTANCE },
  'create-user': { ok: 201, rule: INSTANCE },
  'list-policies': { ok: 200, rule: INSTANCE },
  'create-policy': { ok: 201, rule: INSTANCE },
  'simulate': { ok: 200, rule: INSTANCE }, // for another user: cr:ManagePolicy (only oneself needs nothing)
  'audit': { ok: 200, rule: SELF },
  'list-tokens': { ok: 200, rule: SELF },
  'create-token': { ok: 201, rule: SELF },
};

/**
 * Reading a repository (cr:GetRepository): a public one, anyone; a private one, any grant on it or its namespace,
 * its namespace's owner, an admin, or ReadOnlyAccess (cr:Get*). The Deny policy denies push and deletes, not reads;
 * a read-only token keeps every read its user has.
 */
export function readsRepository(who: Who, vis: Vis): boolean {
  return vis === 'public' || (who !== 'anonymous' && who !== 'no-grant');
}

/**
 * Update, delete, delete tags and manage permissions are repository-admin actions: an ADMIN grant, the namespace
 * owner, an installation admin. WRITE adds only push; the Deny-policy user has WRITE; a read-only token keeps only
 * Get/List/Pull although its user holds ADMIN.
 */
export function administersRepository(who: Who): boolean {
  return who === 'repo-admin' || who === 'owner' || who === 'admin' || who === 'admin-deny-policy';
}

/** An explicit Deny beats every grant: the repository admin whose policy denies `cr:Delete*` deletes nothing. */
const DELETES: ReadonlySet<Endpoint> = new Set(['delete-repository', 'delete-tag']);

/**
 * A namespace is visible to whoever may get it (owner, namespace grant, admin, ReadOnlyAccess) and to whoever may
 * read any repository in it: the namespace holding a public repository is visible to everyone, anonymous callers
 * too; the one holding only a private repository (with the same repository grants) hides from the same callers.
 */
export function seesNamespace(who: Who, vis: Vis): boolean {
  return vis === 'public' || (who !== 'anonymous' && who !== 'no-grant');
}

/**
 * Namespace actions (update, manage permissions) come only from owning it or from an admin: a namespace READ
 * grant gives cr:GetNamespace alone, and repository grants reach nothing on the namespace resource.
 */
export function administersNamespace(who: Who): boolean {
  return who === 'owner' || who === 'admin';
}

/**
 * Audit events of the owner's namespaces: whoever holds cr:GetAudit on the instance sees every event (an admin,
 * and ReadOnlyAccess through `cr:Get*`); anyone else only the events of namespaces they own.
 */
export function seesAuditEvents(who: Who): boolean {
  return who === 'admin' || who === 'owner' || who === 'read-only-policy';
}

/** The status `who` should get. `vis` picks the repository or namespace; installation-wide endpoints ignore it. */
export function expected(who: Who, vis: Vis | undefined, endpoint: Endpoint): number {
  const { ok, anonymous, rule } = ENDPOINTS[endpoint];
  // Presented credentials that fail (disabled user, revoked token) are a 401, never a fall-back to anonymous.
  if (who === 'disabled' || who === 'revoked-token') return 401;
  // Routes not marked optional refuse anonymous callers before anything is looked up.
  if (who === 'anonymous' && !anonymous) return 401;
  switch (rule.scope) {
    case 'repository':
      if (!readsRepository(who, need(vis))) return 404; // hidden means absent
      if (who === 'admin-deny-policy' && DELETES.has(endpoint)) return 403;
      return rule.need === 'read' || administersRepository(who) ? ok : 403;
    case 'namespace':
      if (!seesNamespace(who, need(vis))) return 404;
      return rule.need === 'read' || administersNamespace(who) ? ok : 403;
    case 'instance':
      // No caller but the admin holds a policy with cr:ManageUser, cr:ManagePolicy or cr:CreateNamespace.
      return who === 'admin' ? ok : 403;
    case 'self':
      // An access token cannot mint access tokens: it would outlive its own revocation and escape its limits. A
      // read-only or namespace-limited one cannot list or revoke them either (tokens are the account's business).
      if ((endpoint === 'list-tokens' || endpoint === 'create-token') && who === 'read-only-token') return 403;
      return ok;
  }
}

function need(vis: Vis | undefined): Vis {
  if (!vis) throw new Error('this endpoint needs a visibility');
  return vis;
}

const CODE: Record<number, string> = { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

/** The exact status (with the body in the message when it differs), and the error code that goes with it. */
export function expectStatus(res: ApiResult, want: number): void {
  expect(`${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`).toMatch(new RegExp(`^${want} `));
  if (CODE[want]) expect(res.body.error.code).toBe(CODE[want]);
}

/** Hidden looks exactly like missing: the same status and body as the same request for something that does not exist. */
export function expectLikeMissing(res: ApiResult, missing: ApiResult): void {
  expect(missing.status).toBe(404);
  expect(res.body).toEqual(missing.body);
}

export interface Matrix {
  reg: TestRegistry;
  /** `public`: the owner's namespace with the public and the private repository; `private`: another of theirs with only a private one. */
  namespaces: Record<Vis, string>;
  /** Both in `namespaces.public`. */
  repos: Record<Vis, { name: string; id: string }>;
  callers: Map<Who, As>;
  /** The user behind each signed-in caller. */
  userIds: Map<Who, string>;
  /** A user without grants, for simulations about someone else. */
  subject: TestUser;
  /** A new tag on a repository, pushed by the admin. */
  pushTag(repository: string): Promise<string>;
  /** A new repository of this visibility in the owner's namespace, created by the admin, with the grants of `repos[vis]`. */
  throwawayRepository(vis: Vis): Promise<string>;
  /** A new user without grants (who cannot sign in); their username. */
  grantee(): Promise<string>;
}

/** The registry, the owner's two namespaces, the two repositories and every caller with its grants. */
export async function setupMatrix(): Promise<Matrix> {
  const reg = await startTestRegistry();
  const admin = new OciClient(reg, reg.admin);
  const db = reg.app.db;
  const owner = await reg.createUser();
  const namespaces = { public: randomName('mx'), private: randomName('mxp') };
  const setVisibility = (name: string, vis: Vis) =>
    db.repository.update({ where: { name }, data: { visibility: vis === 'public' ? 'PUBLIC' : 'PRIVATE' } });

  // Both namespaces are created by the admin's pushes and handed over to the owner.
  await admin.pushImage(`${namespaces.public}/seed`, 'v1');
  const repos = {} as Matrix['repos'];
  for (const vis of VIS) {
    const name = `${namespaces.public}/${vis}`;
    await admin.pushImage(name, 'v1');
    repos[vis] = { name, id: (await setVisibility(name, vis)).id };
  }
  const hiddenRepo = `${namespaces.private}/app`;
  await admin.pushImage(hiddenRepo, 'v1');
  const hiddenRepoId = (await setVisibility(hiddenRepo, 'private')).id;
  await db.namespace.updateMany({ where: { name: { in: VIS.map((v) => namespaces[v]) } }, data: { ownerId: owner.id } });
  const namespaceIds = await db.namespace.findMany({ where: { name: { in: VIS.map((v) => namespaces[v]) } }, select: { id: true } });

  // Repository grants cover both repositories of the first namespace and the private one of the second.
  const grant = async (u: TestUser, level: 'READ' | 'WRITE' | 'ADMIN') => {
    for (const repositoryId of [repos.public.id, repos.private.id, hiddenRepoId]) {
      await db.repositoryPermission.create({ data: { repositoryId, userId: u.id, level } });
    }
  };
  const callers = new Map<Who, As>();
  const userIds = new Map<Who, string>();
  const add = (who: Who, u: TestUser, as: As = u) => {
    callers.set(who, as);
    userIds.set(who, u.id);
  };
  callers.set('anonymous', null);
  add('no-grant', await reg.createUser());
  for (const [who, level] of [['read', 'READ'], ['write', 'WRITE'], ['repo-admin', 'ADMIN']] as const) {
    const u = await reg.createUser();
    await grant(u, level);
    add(who, u);
  }
  const nsRead = await reg.createUser();
  for (const { id } of namespaceIds) await db.namespacePermission.create({ data: { namespaceId: id, userId: nsRead.id, level: 'READ' } });
  add('namespace-read', nsRead);
  add('owner', owner);
  add('admin', reg.admin);
  const denied = await reg.createUser();
  await grant(denied, 'WRITE');
  const deny = await db.policy.create({
    data: { name: `deny-${randomName()}`, document: { Version: '1', Statement: [{ Effect: 'Deny', Action: ['cr:PushRepository', 'cr:Delete*'], Resource: '*' }] } },
  });
  await db.userPolicy.create({ data: { userId: denied.id, policyName: deny.name } });
  add('deny-policy', denied);
  const deniedAdmin = await reg.createUser();
  await grant(deniedAdmin, 'ADMIN');
  await db.userPolicy.create({ data: { userId: deniedAdmin.id, policyName: deny.name } });
  add('admin-deny-policy', deniedAdmin);
  const ro = await reg.createUser();
  await db.userPolicy.create({ data: { userId: ro.id, policyName: 'ReadOnlyAccess' } });
  add('read-only-policy', ro);
  const disabled = await reg.createUser();
  await grant(disabled, 'WRITE');
  await db.user.update({ where: { id: disabled.id }, data: { disabled: true } });
  add('disabled', disabled);
  const tokenUser = await reg.createUser();
  await grant(tokenUser, 'ADMIN');
  const token = async (opts: { readOnly?: boolean; revoked?: boolean }) => {
    const secret = generateTokenSecret();
    await db.accessToken.create({
      data: { userId: tokenUser.id, name: randomName('tok'), tokenHash: hashTokenSecret(secret), prefix: displayPrefix(secret), readOnly: opts.readOnly ?? false, revokedAt: opts.revoked ? new Date() : null },
    });
    return secret;
  };
  // The revoked token in Basic credentials (as registry clients send it), the read-only one as a Bearer token.
  add('revoked-token', tokenUser, { authorization: `Basic ${Buffer.from(`${tokenUser.username}:${await token({ revoked: true })}`).toString('base64')}` });
  add('read-only-token', tokenUser, { authorization: `Bearer ${await token({ readOnly: true })}` });

  // An audit event in each namespace, written before the response: the owner and admins have something to see.
  for (const vis of VIS) {
    const res = await callApi(reg, namespaceRoute.PATCH, {
      method: 'PATCH', path: `/api/v1/namespaces/${namespaces[vis]}`, params: { namespace: namespaces[vis] }, as: reg.admin, body: { autoCreateRepository: true },
    });
    expect(res.status).toBe(200);
  }

  const manifests = new Map<string, ArrayBuffer>();
  const adminAuth = reg.basic(reg.admin);
  return {
    reg,
    namespaces,
    repos,
    callers,
    userIds,
    subject: await reg.createUser(),
    async pushTag(repository) {
      let manifest = manifests.get(repository);
      if (!manifest) {
        manifest = await (await fetch(`${reg.url}/v2/${repository}/manifests/v1`, { headers: { authorization: adminAuth } })).arrayBuffer();
        manifests.set(repository, manifest);
      }
      const tag = randomName('tag');
      const res = await fetch(`${reg.url}/v2/${repository}/manifests/${tag}`, {
        method: 'PUT', body: manifest, headers: { authorization: adminAuth, 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      });
      expect(res.status).toBe(201);
      return tag;
    },
    async throwawayRepository(vis) {
      const res = await callApi(reg, repositoriesRoute.POST, {
        method: 'POST', path: '/api/v1/repositories', as: reg.admin, body: { namespace: namespaces.public, name: randomName(`tmp-${vis}-`), visibility: vis },
      });
      expect(res.status).toBe(201);
      const grants = await db.repositoryPermission.findMany({ where: { repositoryId: repos[vis].id }, select: { userId: true, level: true } });
      await db.repositoryPermission.createMany({ data: grants.map((g) => ({ ...g, repositoryId: res.body.id as string })) });
      return res.body.name as string;
    },
    async grantee() {
      const username = randomName('grantee');
      await db.user.create({ data: { username, passwordHash: 'not-a-password-hash' } });
      return username;
    },
  };
}
