// OCI Distribution Spec 1.1: the base endpoint (end-1), authentication, unknown endpoints and unsupported methods.
import { describe, expect, it } from 'vitest';
import { OciClient, SPEC_ERROR_CODES, errorCode, randomRepo, sha256, useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
const c = useAdminClient(reg);
const anon = new OciClient(reg, null);

const API_VERSION = 'registry/2.0';
// The spec leaves the authentication scheme to the registry; Berth challenges with Basic or with the Docker token
// flow (Bearer), and either must name a realm.
const CHALLENGE = /^(Basic|Bearer) realm="[^"]+"/;

describe('GET /v2/', () => {
  it('answers anonymous callers 401 with a challenge and an UNAUTHORIZED body', async () => {
    const res = await anon.fetch('/v2/');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(CHALLENGE);
    expect(res.headers.get('docker-distribution-api-version')).toBe(API_VERSION);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { errors: Array<{ code: string; message: string }> };
    expect(body.errors[0]?.code).toBe('UNAUTHORIZED');
  });

  it('answers 200 {} with valid credentials, with and without the trailing slash', async () => {
    for (const path of ['/v2/', '/v2']) {
      const res = await c.fetch(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('docker-distribution-api-version')).toBe(API_VERSION);
      expect(await res.json()).toEqual({});
    }
  });

  it('works for a non-admin user too', async () => {
    const user = await reg.createUser();
    const res = await new OciClient(reg, user).fetch('/v2/');
    expect(res.status).toBe(200);
  });

  it('answers HEAD like GET, without a body', async () => {
    const res = await c.fetch('/v2/', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('docker-distribution-api-version')).toBe(API_VERSION);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
    expect((await anon.fetch('/v2/', { method: 'HEAD' })).status).toBe(401);
  });

  it('refuses a wrong password, an unknown user and a disabled user with 401 and a challenge', async () => {
    const user = await reg.createUser();
    const wrong = new OciClient(reg, { ...user, password: `${user.password}x` });
    const unknown = new OciClient(reg, { ...user, username: `${user.username}-nobody` });
    const disabledUser = await reg.createUser();
    await reg.app.db.user.update({ where: { id: disabledUser.id }, data: { disabled: true } });
    const disabled = new OciClient(reg, disabledUser);
    for (const [label, client] of [['wrong password', wrong], ['unknown user', unknown], ['disabled user', disabled]] as const) {
      const res = await client.fetch('/v2/');
      expect(res.status, label).toBe(401);
      expect(res.headers.get('www-authenticate'), label).toMatch(CHALLENGE);
      expect(await errorCode(res), label).toBe('UNAUTHORIZED');
    }
  });

  it('refuses malformed and unsupported Authorization headers with 401', async () => {
    for (const value of ['Basic !!!not-base64!!!', `Basic ${Buffer.from('no-colon').toString('base64')}`, 'Bearer abc.def.ghi', 'Digest x']) {
      const res = await anon.fetch('/v2/', { headers: { Authorization: value } });
      expect(res.status, value).toBe(401);
      expect(await errorCode(res), value).toBe('UNAUTHORIZED');
    }
  });
});

describe('anonymous access to repository endpoints', () => {
  it('is refused with 401 and a challenge on every endpoint', async () => {
    const name = randomRepo();
    const { digest, body } = await c.pushImage(name, 'v1');
    const paths: Array<[string, string]> = [
      ['GET', `/v2/${name}/manifests/v1`],
      ['HEAD', `/v2/${name}/manifests/${digest}`],
      ['PUT', `/v2/${name}/manifests/v2`],
      ['DELETE', `/v2/${name}/manifests/${digest}`],
      ['GET', `/v2/${name}/blobs/${digest}`],
      ['DELETE', `/v2/${name}/blobs/${digest}`],
      ['POST', `/v2/${name}/blobs/uploads/`],
      ['GET', `/v2/${name}/tags/list`],
      ['GET', `/v2/${name}/referrers/${digest}`],
      ['GET', '/v2/_catalog'],
    ];
    for (const [method, path] of paths) {
      // A valid manifest for the PUT, so that only the missing credentials are wrong with it.
      const init = method === 'PUT' ? { body, headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' } } : {};
      const res = await anon.fetch(path, { method, ...init });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get('www-authenticate'), `${method} ${path}`).toMatch(CHALLENGE);
    }
    // Nothing changed: the manifest is still there and no tag v2 appeared.
    expect((await c.fetch(`/v2/${name}/manifests/${digest}`, { method: 'HEAD' })).status).toBe(200);
    expect((await c.fetch(`/v2/${name}/manifests/v2`, { method: 'HEAD' })).status).toBe(404);
  });
});

describe('unknown endpoints', () => {
  it('answer 404', async () => {
    const name = randomRepo();
    for (const path of ['/v2/nothing-here', `/v2/${name}/unknown`, `/v2/${name}/manifests/`, `/v2/${name}/blobs/`, '/v2/_catalog/extra']) {
      const res = await c.fetch(path);
      expect(res.status, path).toBe(404);
      const code = await errorCode(res);
      // A JSON error body must use one of the spec's codes (OCI: "The code field MUST be one of the following").
      if (code !== undefined) expect(SPEC_ERROR_CODES.has(code), `${path}: ${code}`).toBe(true);
    }
  });
});

describe('unsupported methods', () => {
  it('answer 405 UNSUPPORTED with an Allow header listing what the endpoint accepts (RFC 9110 §15.5.6)', async () => {
    const name = randomRepo();
    const digest = sha256(Buffer.from('x'));
    const cases: Array<[string, string, string[]]> = [
      ['DELETE', '/v2/', ['GET', 'HEAD']],
      ['POST', '/v2/_catalog', ['GET', 'HEAD']],
      ['POST', `/v2/${name}/tags/list`, ['GET', 'HEAD']],
      ['POST', `/v2/${name}/manifests/latest`, ['GET', 'HEAD', 'PUT', 'DELETE']],
      ['PATCH', `/v2/${name}/manifests/latest`, ['GET', 'HEAD', 'PUT', 'DELETE']],
      ['PUT', `/v2/${name}/blobs/${digest}`, ['GET', 'HEAD', 'DELETE']],
      ['GET', `/v2/${name}/blobs/uploads/`, ['POST']],
      ['POST', `/v2/${name}/blobs/uploads/0b0e1f5e-6b7a-4f5e-9a3e-1f2a3b4c5d6e`, ['GET', 'PATCH', 'PUT', 'DELETE']],
      ['DELETE', `/v2/${name}/referrers/${digest}`, ['GET', 'HEAD']],
    ];
    for (const [method, path, allowed] of cases) {
      const res = await c.fetch(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(await errorCode(res), `${method} ${path}`).toBe('UNSUPPORTED');
      const allow = (res.headers.get('allow') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      expect(allow, `${method} ${path}`).toEqual(expect.arrayContaining(allowed));
      expect(allow, `${method} ${path}`).not.toContain(method);
    }
  });
});

describe('error bodies', () => {
  it('are JSON with the spec shape and carry the API version header', async () => {
    const res = await c.fetch(`/v2/${randomRepo()}/manifests/latest`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('docker-distribution-api-version')).toBe(API_VERSION);
    const body = (await res.json()) as { errors: Array<{ code: string; message?: unknown }> };
    expect(Array.isArray(body.errors)).toBe(true);
    expect(body.errors.length).toBeGreaterThan(0);
    for (const e of body.errors) {
      expect(e.code).toMatch(/^[A-Z_]+$/);
      expect(SPEC_ERROR_CODES.has(e.code)).toBe(true);
      if (e.message !== undefined) expect(typeof e.message).toBe('string');
    }
  });
});
