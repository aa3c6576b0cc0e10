// Repository names: the spec's grammar and length (OCI Distribution Spec 1.1 "Pulling manifests"), Berth's
// `<namespace>/<repo>` rule, unknown repositories, and creating repositories on push.
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OciClient, errorCode, putManifest, randomRepo, rawErrorCode, rawRequest, sha256, useAdminClient } from '../../support/oci-client';
import { randomName } from '../../support/database';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
const c = useAdminClient(reg);

const OCTET = { 'Content-Type': 'application/octet-stream' };

async function repositoryExists(name: string): Promise<boolean> {
  return (await reg.app.db.repository.findUnique({ where: { name } })) !== null;
}

async function namespaceExists(name: string): Promise<boolean> {
  return (await reg.app.db.namespace.findUnique({ where: { name } })) !== null;
}

/** Requests on every kind of endpoint addressing repository `name`. */
function endpoints(name: string): Array<[string, string]> {
  const digest = sha256(Buffer.from('x'));
  return [
    ['GET', `/v2/${name}/tags/list`],
    ['GET', `/v2/${name}/manifests/latest`],
    ['PUT', `/v2/${name}/manifests/latest`],
    ['GET', `/v2/${name}/blobs/${digest}`],
    ['POST', `/v2/${name}/blobs/uploads/`],
    ['GET', `/v2/${name}/blobs/uploads/${randomUUID()}`],
    ['GET', `/v2/${name}/referrers/${digest}`],
  ];
}

describe('invalid repository names', () => {
  const ns = randomName('ns');
  const cases: Array<[string, string]> = [
    ['uppercase', `${ns}/Repo`],
    ['uppercase namespace', `${ns.toUpperCase()}/repo`],
    ['empty component', `${ns}//repo`],
    ['trailing slash', `${ns}/repo/`],
    ['leading slash', `/${ns}/repo`],
    ['single component', 'alpine'],
    ['separator at the end', `${ns}/repo-`],
    ['separator at the start', `${ns}/-repo`],
    ['double dot separator', `${ns}/re..po`],
    ['triple underscore', `${ns}/a___b`],
    ['invalid character', `${ns}/re$po`],
    ['256 characters', `${ns}/${'a'.repeat(255 - ns.length)}`],
  ];

  it.each(cases)('%s: answers 400 NAME_INVALID on every endpoint and creates nothing', async (_label, name) => {
    for (const [method, path] of endpoints(name)) {
      const res = await c.fetch(path, { method, ...(method === 'PUT' ? { body: '{}', headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' } } : {}) });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(await errorCode(res), `${method} ${path}`).toBe('NAME_INVALID');
    }
    expect(await reg.app.db.repository.count({ where: { name: { startsWith: ns } } })).toBe(0);
  });

  it('the 256-character case really is 256 characters, and 255 is accepted', async () => {
    const name256 = cases.find(([l]) => l === '256 characters')![1];
    expect(name256.length).toBe(256);
    const name255 = `${randomName('ns')}/${'b'.repeat(255 - 13)}`;
    expect(name255.length).toBe(255);
    const pull = await c.fetch(`/v2/${name255}/tags/list`);
    expect(pull.status).toBe(404);
    expect(await errorCode(pull)).toBe('NAME_UNKNOWN');
    const data = randomBytes(10);
    expect(await c.pushBlob(name255, data)).toBe(sha256(data));
    expect((await c.fetch(`/v2/${name255}/blobs/${sha256(data)}`)).status).toBe(200);
  });

  it('accepts the separators the grammar allows: ".", "_", "__", "-" and "--", and deeper paths', async () => {
    const ns2 = randomName('ns');
    for (const repo of ['a.b', 'a_b', 'a__b', 'a-b', 'a--b', 'team/app/cli']) {
      const name = `${ns2}/${repo}`;
      const data = randomBytes(8);
      expect(await c.pushBlob(name, data), name).toBe(sha256(data));
    }
  });

  it('"." and ".." path segments are not resolved into another repository', async () => {
    // fetch and URL parsers collapse dot segments; the raw request keeps them as a client could send them.
    const target = randomRepo();
    await c.pushImage(target, 'v1');
    const [ns2, repo] = target.split('/') as [string, string];
    const paths = [
      `/v2/${ns2}/../${target}/tags/list`,
      `/v2/${ns2}/%2e%2e/${target}/tags/list`,
      `/v2/${ns2}/./${repo}/tags/list`,
      `/v2/other/../${target}/manifests/v1`,
    ];
    for (const path of paths) {
      const res = await rawRequest(reg, { method: 'GET', path, user: reg.admin });
      // OCI: <name> MUST match the grammar, which has no "." or ".." components.
      expect(res.status, path).toBe(400);
      expect(rawErrorCode(res), path).toBe('NAME_INVALID');
    }
  });
});

describe('unknown repositories', () => {
  it('answer 404 NAME_UNKNOWN to pulls of manifests, blobs, tags and referrers', async () => {
    const name = randomRepo();
    for (const [method, path] of endpoints(name).filter(([m, p]) => m === 'GET' && !p.includes('/uploads/'))) {
      const res = await c.fetch(path, { method });
      expect(res.status, path).toBe(404);
      expect(await errorCode(res), path).toBe('NAME_UNKNOWN');
    }
    expect(await repositoryExists(name)).toBe(false);
  });

  it('are not created by requests on an upload URL, which cannot name a session there', async () => {
    const data = randomBytes(8);
    for (const [method, query, body] of [
      ['GET', '', undefined],
      ['DELETE', '', undefined],
      ['PATCH', '', data],
      ['PUT', `?digest=${sha256(data)}`, data],
    ] as const) {
      const name = randomRepo();
      const res = await c.fetch(`/v2/${name}/blobs/uploads/${randomUUID()}${query}`, { method, ...(body ? { body, headers: OCTET } : {}) });
      expect(res.status, method).toBe(404);
      expect(['NAME_UNKNOWN', 'BLOB_UPLOAD_UNKNOWN'], method).toContain(await errorCode(res));
      // A GET (or a request about a session that cannot exist) must not leave a repository or namespace behind.
      expect(await repositoryExists(name), method).toBe(false);
      expect(await namespaceExists(name.split('/')[0]!), method).toBe(false);
    }
  });
});

describe('creating repositories on push', () => {
  it('a non-admin pushing into a namespace that does not exist gets NAME_UNKNOWN, and nothing is created', async () => {
    const user = await reg.createUser();
    const uc = new OciClient(reg, user);
    const name = randomRepo();
    const data = randomBytes(16);
    const attempts: Array<[string, () => Promise<Response>]> = [
      ['POST session', () => uc.fetch(`/v2/${name}/blobs/uploads/`, { method: 'POST' })],
      ['monolithic POST', () => uc.fetch(`/v2/${name}/blobs/uploads/?digest=${sha256(data)}`, { method: 'POST', body: data, headers: OCTET })],
      ['mount', () => uc.fetch(`/v2/${name}/blobs/uploads/?mount=${sha256(data)}&from=${randomRepo()}`, { method: 'POST' })],
      ['PUT manifest', async () => (await putManifest(uc, name, 'v1', { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [] })).res],
    ];
    for (const [label, attempt] of attempts) {
      const res = await attempt();
      expect(res.status, label).toBe(404);
      expect(await errorCode(res), label).toBe('NAME_UNKNOWN');
    }
    expect(await namespaceExists(name.split('/')[0]!)).toBe(false);
    expect(await repositoryExists(name)).toBe(false);
  });

  it('an admin pushing into a new namespace creates the namespace and the repository', async () => {
    const name = randomRepo();
    await c.pushImage(name, 'v1');
    expect(await namespaceExists(name.split('/')[0]!)).toBe(true);
    expect(await repositoryExists(name)).toBe(true);
  });

  it('a namespace with autoCreateRepository=false refuses new repositories but serves existing ones', async () => {
    const existing = randomRepo();
    const ns = existing.split('/')[0]!;
    await c.pushImage(existing, 'v1');
    await reg.app.db.namespace.update({ where: { name: ns }, data: { autoCreateRepository: false } });

    const fresh = `${ns}/${randomName('r')}`;
    const data = randomBytes(16);
    const session = await c.fetch(`/v2/${fresh}/blobs/uploads/`, { method: 'POST' });
    expect(session.status).toBe(404);
    expect(await errorCode(session)).toBe('NAME_UNKNOWN');
    const mono = await c.fetch(`/v2/${fresh}/blobs/uploads/?digest=${sha256(data)}`, { method: 'POST', body: data, headers: OCTET });
    expect(mono.status).toBe(404);
    expect(await errorCode(mono)).toBe('NAME_UNKNOWN');
    expect(await repositoryExists(fresh)).toBe(false);

    // The existing repository still takes pushes.
    const { digest } = await c.pushImage(existing, 'v2');
    expect((await c.fetch(`/v2/${existing}/manifests/v2`)).headers.get('docker-content-digest')).toBe(digest);
  });

  it('gives an auto-created repository the namespace default visibility', async () => {
    const first = randomRepo();
    const ns = first.split('/')[0]!;
    await c.pushBlob(first, randomBytes(8));
    expect((await reg.app.db.repository.findUniqueOrThrow({ where: { name: first } })).visibility).toBe('PRIVATE');

    await reg.app.db.namespace.update({ where: { name: ns }, data: { defaultVisibility: 'PUBLIC' } });
    const second = `${ns}/${randomName('r')}`;
    await c.pushBlob(second, randomBytes(8));
    expect((await reg.app.db.repository.findUniqueOrThrow({ where: { name: second } })).visibility).toBe('PUBLIC');
    // Existing repositories keep theirs.
    expect((await reg.app.db.repository.findUniqueOrThrow({ where: { name: first } })).visibility).toBe('PRIVATE');
  });
});
