import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTokenSecret, hashTokenSecret, displayPrefix } from '@/lib/services/tokens/token-secret';
import { randomName } from '../../support/database';
import { sha256, useAdminClient } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';

// Who may do what over the registry protocol: every kind of caller against a public and a private repository,
// asserting the exact status, and that a repository the caller may not read answers like a missing one.

type Who =
  | 'anonymous' | 'no-grant' | 'read' | 'write' | 'repo-admin' | 'namespace-read' | 'owner' | 'admin'
  | 'deny-policy' | 'read-only-policy' | 'disabled' | 'revoked-token' | 'read-only-token';
type Op = 'pull' | 'tags' | 'referrers' | 'push' | 'delete-tag' | 'delete-manifest';
type Vis = 'public' | 'private';

const READ_OPS: Op[] = ['pull', 'tags', 'referrers'];

/** The status each caller should get. */
function expected(who: Who, vis: Vis, op: Op): number {
  const read = READ_OPS.includes(op);
  const ok = op === 'push' ? 201 : op.startsWith('delete') ? 202 : 200;
  switch (who) {
    case 'disabled':
    case 'revoked-token':
      return 401;
    case 'anonymous':
      return vis === 'public' && read ? ok : 401;
    case 'no-grant':
      if (vis === 'private') return 404; // hidden means absent
      return read ? ok : 403;
    case 'read':
    case 'namespace-read':
    case 'read-only-policy':
    case 'read-only-token':
      return read ? ok : 403;
    case 'write':
      return read || op === 'push' ? ok : 403;
    case 'deny-policy': // a write grant, and a policy denying push and every delete
      return read ? ok : 403;
    case 'repo-admin':
    case 'owner':
    case 'admin':
      return ok;
  }
}

const reg = useTestRegistry();
const adminClient = useAdminClient(reg);
const ns = randomName('mx');
const repos: Record<Vis, { name: string; id: string; digest: string }> = {} as never;
const callers = new Map<Who, { authorization?: string }>();

async function user(opts: { admin?: boolean } = {}): Promise<TestUser> {
  return reg.createUser(opts);
}

beforeAll(async () => {
  const owner = await user();
  // The owner's namespace, created by the admin and handed over.
  await adminClient.pushImage(`${ns}/seed`, 'v1');
  await reg.app.db.namespace.update({ where: { name: ns }, data: { ownerId: owner.id } });
  for (const vis of ['public', 'private'] as const) {
    const name = `${ns}/${vis}`;
    const { digest } = await adminClient.pushImage(name, 'v1');
    const repo = await reg.app.db.repository.update({ where: { name }, data: { visibility: vis === 'public' ? 'PUBLIC' : 'PRIVATE' } });
    repos[vis] = { name, id: repo.id, digest };
  }
  const grant = async (u: TestUser, level: 'READ' | 'WRITE' | 'ADMIN') => {
    for (const vis of ['public', 'private'] as const) {
      await reg.app.db.repositoryPermission.create({ data: { repositoryId: repos[vis].id, userId: u.id, level } });
    }
  };
  const basic = (u: TestUser) => ({ authorization: reg.basic(u) });
  callers.set('anonymous', {});
  callers.set('no-grant', basic(await user()));
  const read = await user(); await grant(read, 'READ'); callers.set('read', basic(read));
  const write = await user(); await grant(write, 'WRITE'); callers.set('write', basic(write));
  const repoAdmin = await user(); await grant(repoAdmin, 'ADMIN'); callers.set('repo-admin', basic(repoAdmin));
  const nsRead = await user();
  const nsRow = await reg.app.db.namespace.findUniqueOrThrow({ where: { name: ns } });
  await reg.app.db.namespacePermission.create({ data: { namespaceId: nsRow.id, userId: nsRead.id, level: 'READ' } });
  callers.set('namespace-read', basic(nsRead));
  callers.set('owner', basic(owner));
  callers.set('admin', basic(reg.admin));
  const denied = await user(); await grant(denied, 'WRITE');
  await reg.app.db.policy.create({
    data: { name: `deny-${randomName()}`, document: { Version: '1', Statement: [{ Effect: 'Deny', Action: ['cr:PushRepository', 'cr:Delete*'], Resource: '*' }] } },
  }).then((p) => reg.app.db.userPolicy.create({ data: { userId: denied.id, policyName: p.name } }));
  callers.set('deny-policy', basic(denied));
  const ro = await user();
  await reg.app.db.userPolicy.create({ data: { userId: ro.id, policyName: 'ReadOnlyAccess' } });
  callers.set('read-only-policy', basic(ro));
  const disabled = await user(); await grant(disabled, 'WRITE');
  await reg.app.db.user.update({ where: { id: disabled.id }, data: { disabled: true } });
  callers.set('disabled', basic(disabled));
  const tokenUser = await user(); await grant(tokenUser, 'ADMIN');
  const token = async (opts: { readOnly?: boolean; revoked?: boolean }) => {
    const secret = generateTokenSecret();
    await reg.app.db.accessToken.create({
      data: { userId: tokenUser.id, name: randomName('tok'), tokenHash: hashTokenSecret(secret), prefix: displayPrefix(secret), readOnly: opts.readOnly ?? false, revokedAt: opts.revoked ? new Date() : null },
    });
    return { authorization: `Basic ${Buffer.from(`${tokenUser.username}:${secret}`).toString('base64')}` };
  };
  callers.set('revoked-token', await token({ revoked: true }));
  callers.set('read-only-token', await token({ readOnly: true }));
});

async function perform(op: Op, vis: Vis, auth: { authorization?: string }): Promise<Response> {
  const { name, digest } = repos[vis];
  const h = (extra: Record<string, string> = {}) => ({ ...(auth.authorization ? { authorization: auth.authorization } : {}), ...extra });
  const url = (p: string) => `${reg.url}/v2/${name}${p}`;
  switch (op) {
    case 'pull':
      return fetch(url('/manifests/v1'), { headers: h() });
    case 'tags':
      return fetch(url('/tags/list'), { headers: h() });
    case 'referrers':
      return fetch(url(`/referrers/${digest}`), { headers: h() });
    case 'push': {
      const manifest = await (await fetch(url('/manifests/v1'), { headers: { authorization: reg.basic(reg.admin) } })).arrayBuffer();
      return fetch(url(`/manifests/${randomName('t')}`), { method: 'PUT', body: manifest, headers: h({ 'content-type': 'application/vnd.oci.image.manifest.v1+json' }) });
    }
    case 'delete-tag': {
      const tag = randomName('del');
      const manifest = await (await fetch(url('/manifests/v1'), { headers: { authorization: reg.basic(reg.admin) } })).arrayBuffer();
      await fetch(url(`/manifests/${tag}`), { method: 'PUT', body: manifest, headers: { authorization: reg.basic(reg.admin), 'content-type': 'application/vnd.oci.image.manifest.v1+json' } });
      return fetch(url(`/manifests/${tag}`), { method: 'DELETE', headers: h() });
    }
    case 'delete-manifest': {
      const { digest: fresh } = await adminClient.pushImage(name, randomName('dm'), { layers: [randomBytes(64)] });
      return fetch(url(`/manifests/${fresh}`), { method: 'DELETE', headers: h() });
    }
  }
}

const WHO: Who[] = ['anonymous', 'no-grant', 'read', 'write', 'repo-admin', 'namespace-read', 'owner', 'admin', 'deny-policy', 'read-only-policy', 'disabled', 'revoked-token', 'read-only-token'];
const OPS: Op[] = ['pull', 'tags', 'referrers', 'push', 'delete-tag', 'delete-manifest'];

describe.each(WHO)('%s', (who) => {
  it.each((['public', 'private'] as const).flatMap((vis) => OPS.map((op) => [vis, op] as const)))('%s repository: %s', async (vis, op) => {
    const res = await perform(op, vis, callers.get(who)!);
    const want = expected(who, vis, op);
    const body = await res.text();
    expect(`${res.status} ${body.slice(0, 200)}`).toMatch(new RegExp(`^${want} `));
    if (want === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    if (want === 404) {
      // Hidden looks exactly like missing: same status and body as a repository that does not exist.
      const missing = await fetch(`${reg.url}/v2/${ns}/${randomName('nope')}${op === 'tags' ? '/tags/list' : '/manifests/v1'}`, { headers: callers.get(who)!.authorization ? { authorization: callers.get(who)!.authorization! } : {} });
      expect(missing.status).toBe(404);
      expect(JSON.parse(body).errors[0].code).toBe('NAME_UNKNOWN');
    }
  });
});

describe('catalog', () => {
  it.each(WHO)('%s sees exactly the repositories it may read', async (who) => {
    const auth = callers.get(who)!;
    const res = await fetch(`${reg.url}/v2/_catalog`, { headers: auth.authorization ? { authorization: auth.authorization } : {} });
    if (who === 'anonymous' || who === 'disabled' || who === 'revoked-token') {
      expect(res.status).toBe(401);
      return;
    }
    expect(res.status).toBe(200);
    const { repositories } = (await res.json()) as { repositories: string[] };
    expect(repositories.includes(repos.public.name)).toBe(true);
    expect(repositories.includes(repos.private.name)).toBe(expected(who, 'private', 'pull') === 200);
  });
});

describe('hidden digests', () => {
  it('a blob in a hidden repository answers like a missing repository', async () => {
    const layer = randomBytes(100);
    await adminClient.pushBlob(repos.private.name, layer);
    const res = await fetch(`${reg.url}/v2/${repos.private.name}/blobs/${sha256(layer)}`, { headers: callers.get('no-grant')! as Record<string, string> });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { errors: Array<{ code: string }> }).errors[0]!.code).toBe('NAME_UNKNOWN');
  });
});
