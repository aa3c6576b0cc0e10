// The Docker token flow followed literally, as simple clients and the OCI conformance suite's client do: send the
// request without credentials, read the 401 challenge, ask the token endpoint for exactly the scope it names,
// retry with the token. Every route family must then succeed, and the challenge must not tell a hidden repository
// from a missing one.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { OciClient, randomRepo, sha256 } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';

const reg = useTestRegistry();
let user: TestUser;
let c: OciClient;
let ns: string;
let repo: string;
let image: { digest: string; configDigest: string; body: Buffer };
let layer: Buffer;

beforeAll(async () => {
  repo = randomRepo();
  ns = repo.split('/')[0]!;
  layer = randomBytes(2048);
  const admin = new OciClient(reg, reg.admin);
  image = await admin.pushImage(repo, 'v1', { layers: [layer] });
  // A user with every right in the namespace, but no installation-wide role.
  user = await reg.createUser();
  const namespace = await reg.app.db.namespace.findUniqueOrThrow({ where: { name: ns } });
  await reg.app.db.namespacePermission.create({ data: { namespaceId: namespace.id, userId: user.id, level: 'ADMIN' } });
  c = new OciClient(reg, user);
});

interface Challenge {
  realm: string;
  service: string;
  scope?: string;
  error?: string;
}

function parseChallenge(header: string | null): Challenge {
  expect(header).toMatch(/^Bearer /);
  const params: Record<string, string> = {};
  for (const m of header!.slice('Bearer '.length).matchAll(/(\w+)="([^"]*)"/g)) params[m[1]!] = m[2]!;
  return params as unknown as Challenge;
}

type Init = { method?: string; body?: Buffer; headers?: Record<string, string> };

function send(path: string, init: Init, authorization?: string): Promise<Response> {
  const headers = { ...init.headers, ...(authorization ? { Authorization: authorization } : {}) };
  const body = init.body as unknown as BodyInit | undefined;
  return fetch(`${reg.url}${path}`, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
}

async function tokenFor(challenge: Challenge, who: TestUser | null): Promise<string> {
  const url = new URL(challenge.realm);
  url.searchParams.set('service', challenge.service);
  if (challenge.scope) url.searchParams.set('scope', challenge.scope);
  const res = await fetch(url, { headers: who ? { Authorization: reg.basic(who) } : {} });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** One request through the whole flow; returns the challenge it met and the response to the retried request. */
async function viaToken(path: string, init: Init = {}, who: TestUser | null = user) {
  const first = await send(path, init);
  expect(first.status, `${init.method ?? 'GET'} ${path} without credentials`).toBe(401);
  const challenge = parseChallenge(first.headers.get('www-authenticate'));
  const token = await tokenFor(challenge, who);
  return { challenge, res: await send(path, init, `Bearer ${token}`) };
}

async function openSession(): Promise<string> {
  const res = await c.fetch(`/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  expect(res.status).toBe(202);
  return res.headers.get('location')!;
}

const pull = () => `repository:${repo}:pull`;
const pullPush = () => `repository:${repo}:pull,push`;

describe('token challenges name the scope each route family needs', () => {
  it('catalog: registry:catalog:*', async () => {
    const { challenge, res } = await viaToken('/v2/_catalog');
    expect(challenge.scope).toBe('registry:catalog:*');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { repositories: string[] }).repositories).toContain(repo);
  });

  it('tags list: pull', async () => {
    const { challenge, res } = await viaToken(`/v2/${repo}/tags/list`);
    expect(challenge).toMatchObject({ realm: `${reg.url}/auth/token`, service: 'berth-registry', scope: pull() });
    expect(challenge.error).toBeUndefined();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ name: repo, tags: ['v1'] });
  });

  it.each(['GET', 'HEAD'])('manifests %s by tag and by digest: pull', async (method) => {
    for (const reference of ['v1', image.digest]) {
      const { challenge, res } = await viaToken(`/v2/${repo}/manifests/${reference}`, { method });
      expect(challenge.scope).toBe(pull());
      expect(res.status).toBe(200);
      expect(res.headers.get('docker-content-digest')).toBe(image.digest);
    }
  });

  it.each(['GET', 'HEAD'])('blobs %s: pull', async (method) => {
    const { challenge, res } = await viaToken(`/v2/${repo}/blobs/${sha256(layer)}`, { method });
    expect(challenge.scope).toBe(pull());
    expect(res.status).toBe(200);
    if (method === 'GET') expect(Buffer.from(await res.arrayBuffer()).equals(layer)).toBe(true);
  });

  it('referrers: pull', async () => {
    const { challenge, res } = await viaToken(`/v2/${repo}/referrers/${image.digest}`);
    expect(challenge.scope).toBe(pull());
    expect(res.status).toBe(200);
  });

  it('upload start and monolithic upload: pull,push', async () => {
    const started = await viaToken(`/v2/${repo}/blobs/uploads/`, { method: 'POST' });
    expect(started.challenge.scope).toBe(pullPush());
    expect(started.res.status).toBe(202);
    const data = randomBytes(100);
    const mono = await viaToken(`/v2/${repo}/blobs/uploads/?digest=${sha256(data)}`, {
      method: 'POST',
      body: data,
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(mono.challenge.scope).toBe(pullPush());
    expect(mono.res.status).toBe(201);
  });

  it('upload session status, chunk, finish and cancel: pull,push', async () => {
    const data = randomBytes(300);
    const location = await openSession();
    const status = await viaToken(location);
    expect(status.challenge.scope).toBe(pullPush());
    expect(status.res.status).toBe(204);
    const chunk = await viaToken(location, { method: 'PATCH', body: data, headers: { 'Content-Type': 'application/octet-stream' } });
    expect(chunk.challenge.scope).toBe(pullPush());
    expect(chunk.res.status).toBe(202);
    const finish = await viaToken(`${chunk.res.headers.get('location')!}?digest=${sha256(data)}`, { method: 'PUT' });
    expect(finish.challenge.scope).toBe(pullPush());
    expect(finish.res.status).toBe(201);
    const cancel = await viaToken(await openSession(), { method: 'DELETE' });
    expect(cancel.challenge.scope).toBe(pullPush());
    expect(cancel.res.status).toBe(204);
  });

  it('mount from another repository: pull,push here and pull there', async () => {
    const target = `${ns}/mount-${randomBytes(3).toString('hex')}`;
    const digest = sha256(layer);
    const { challenge, res } = await viaToken(`/v2/${target}/blobs/uploads/?mount=${digest}&from=${repo}`, { method: 'POST' });
    expect(challenge.scope).toBe(`repository:${target}:pull,push repository:${repo}:pull`);
    expect(res.status).toBe(201);
    expect(res.headers.get('docker-content-digest')).toBe(digest);
  });

  it('mount without from: pull,push here', async () => {
    const target = `${ns}/auto-${randomBytes(3).toString('hex')}`;
    const { challenge, res } = await viaToken(`/v2/${target}/blobs/uploads/?mount=${sha256(layer)}`, { method: 'POST' });
    expect(challenge.scope).toBe(`repository:${target}:pull,push`);
    // The token names only the target, so no other repository may serve as the source: an upload session opens.
    expect(res.status).toBe(202);
  });

  it('manifest PUT: pull,push', async () => {
    const { challenge, res } = await viaToken(`/v2/${repo}/manifests/v2`, {
      method: 'PUT',
      body: image.body,
      headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' },
    });
    expect(challenge.scope).toBe(pullPush());
    expect(res.status).toBe(201);
  });

  it('manifest and blob DELETE: delete', async () => {
    const admin = new OciClient(reg, reg.admin);
    const doomed = await admin.pushImage(repo, 'doomed');
    const manifest = await viaToken(`/v2/${repo}/manifests/${doomed.digest}`, { method: 'DELETE' });
    expect(manifest.challenge.scope).toBe(`repository:${repo}:delete`);
    expect(manifest.res.status).toBe(202);
    const blob = await viaToken(`/v2/${repo}/blobs/${doomed.configDigest}`, { method: 'DELETE' });
    expect(blob.challenge.scope).toBe(`repository:${repo}:delete`);
    expect(blob.res.status).toBe(202);
  });

  it('a token that lacks the scope is challenged again with the scope the request needs', async () => {
    const narrow = await tokenFor({ realm: `${reg.url}/auth/token`, service: 'berth-registry', scope: pull() }, user);
    const res = await send(`/v2/${repo}/blobs/uploads/`, { method: 'POST' }, `Bearer ${narrow}`);
    expect(res.status).toBe(401);
    expect(parseChallenge(res.headers.get('www-authenticate'))).toMatchObject({ scope: pullPush(), error: 'insufficient_scope' });
  });
});

describe('hidden means absent', () => {
  /** The parts of an answer a caller sees, with the repository name made neutral. */
  async function seen(res: Response, name: string) {
    const header = res.headers.get('www-authenticate')?.replaceAll(name, '<name>');
    return { status: res.status, header, body: (await res.text()).replaceAll(name, '<name>') };
  }

  it('challenges a repository the caller may not see exactly like a missing one, before and after the token', async () => {
    const outsider = await reg.createUser();
    const missing = `${ns}/missing-${randomBytes(3).toString('hex')}`;
    for (const [suffix, method] of [
      ['manifests/v1', 'GET'],
      ['manifests/v1', 'HEAD'],
      [`blobs/${sha256(layer)}`, 'GET'],
      ['tags/list', 'GET'],
      ['blobs/uploads/', 'POST'],
      ['manifests/v1', 'DELETE'],
    ] as const) {
      const hidden = await viaToken(`/v2/${repo}/${suffix}`, { method }, outsider);
      const absent = await viaToken(`/v2/${missing}/${suffix}`, { method }, outsider);
      expect(hidden.challenge.scope?.replace(repo, '<name>')).toBe(absent.challenge.scope?.replace(missing, '<name>'));
      const [a, b] = [await seen(hidden.res, repo), await seen(absent.res, missing)];
      expect(a, `${method} ${suffix}`).toEqual(b);
      expect(a.status).toBe(401);

      const anonHidden = await send(`/v2/${repo}/${suffix}`, { method });
      const anonMissing = await send(`/v2/${missing}/${suffix}`, { method });
      expect(await seen(anonHidden, repo)).toEqual(await seen(anonMissing, missing));
    }
  });
});
