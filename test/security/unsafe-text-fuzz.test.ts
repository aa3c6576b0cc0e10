import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ALL_OPERATIONS } from '@/lib/api/openapi/all-operations';
import type { ApiOperation } from '@/lib/api/openapi/operation';
import { callApi } from '../support/api';
import { randomName } from '../support/database';
import { OciClient, rawErrorCode, rawRequest, startUpload } from '../support/oci-client';
import { useTestRegistry } from '../support/registry';

// Finding 7: Postgres refuses U+0000 and unpaired surrogates in text, and about thirty places passed them through
// as 500s. Every route of the OpenAPI document and every /v2 route is walked with such values, as an admin (so
// authorization lets the request reach as far as it can): nothing may answer 5xx, and a bad value is a 400 in the
// protocol's terms naming where it was.

const reg = useTestRegistry();
let name: string;
let digest: string;
beforeAll(async () => {
  name = `${randomName('fz')}/app`;
  ({ digest } = await new OciClient(reg, reg.admin).pushImage(name, 'v1'));
});

type Handler = Parameters<typeof callApi>[1];

async function handlerFor(op: ApiOperation): Promise<Handler> {
  const file = path.resolve('app', op.path.replace(/^\//, '').replace(/\{(\w+)\}/g, '[$1]'), 'route.ts');
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
  const handler = mod[op.method.toUpperCase()];
  if (!handler) throw new Error(`${op.method.toUpperCase()} ${op.path}: the route file exports no such method`);
  return handler;
}

function pathParams(op: ApiOperation): string[] {
  return [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

function validParams(op: ApiOperation): Record<string, string> {
  const [ns, repo] = name.split('/') as [string, string];
  const values: Record<string, string> = { namespace: ns, repository: repo, username: 'admin', tag: 'v1', id: '00000000-0000-0000-0000-000000000000' };
  return Object.fromEntries(pathParams(op).map((p) => [p, values[p] ?? 'x']));
}

function bodyKeys(op: ApiOperation): string[] {
  const shape = (op.body as z.ZodObject | undefined)?.shape as Record<string, unknown> | undefined;
  return shape ? Object.keys(shape) : ['name'];
}

const BAD = [
  { label: 'NUL', json: '"a\\u0000b"', text: 'a\u0000b' },
  { label: 'lone surrogate', json: '"a\\ud800b"', text: 'a\uD800b' },
];

function expectFieldError(res: { status: number; body: any }, field: string, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.body.error.code, what).toBe('VALIDATION_FAILED');
  expect(res.body.error.details.fields[0].path, what).toBe(field);
}

describe('every /api/v1 operation refuses NUL and lone surrogates with VALIDATION_FAILED', () => {
  it('covers every operation of the OpenAPI document', () => {
    expect(ALL_OPERATIONS.length).toBeGreaterThan(40);
  });

  for (const op of ALL_OPERATIONS) {
    const label = `${op.method.toUpperCase()} ${op.path}`;
    it(label, async () => {
      const handler = await handlerFor(op);
      const params = validParams(op);
      const base = op.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(params[p]!));
      // Path parameters (NUL arrives percent-encoded; lone surrogates cannot survive UTF-8 in a URL).
      for (const p of pathParams(op)) {
        const res = await callApi(reg, handler, { method: op.method.toUpperCase(), path: base, params: { ...params, [p]: encodeURIComponent('a\u0000b') }, as: reg.admin, body: op.body ? {} : undefined });
        expectFieldError(res, p, `${label} path ${p}`);
      }
      // Query parameters, documented or not (list filters, cursors, confirmations).
      const queryKeys = [...Object.keys((op.query?.shape as Record<string, unknown> | undefined) ?? {}), 'q'];
      for (const key of queryKeys) {
        const res = await callApi(reg, handler, { method: op.method.toUpperCase(), path: `${base}?${key}=${encodeURIComponent('a\u0000b')}`, params, as: reg.admin, body: op.body ? {} : undefined });
        expectFieldError(res, key, `${label} query ${key}`);
      }
      // Every text field of the body, nested ones found by the same walk.
      if (op.body) {
        for (const key of bodyKeys(op)) {
          for (const bad of BAD) {
            const res = await callApi(reg, handler, { method: op.method.toUpperCase(), path: base, params, as: reg.admin, body: `{"${key}":${bad.json}}` });
            expectFieldError(res, key, `${label} body ${key} (${bad.label})`);
          }
        }
        const nested = await callApi(reg, handler, { method: op.method.toUpperCase(), path: base, params, as: reg.admin, body: '{"headers":{"X-A":"\\u0000"},"tags":["ok","\\udc00"]}' });
        expectFieldError(nested, 'headers.X-A', `${label} nested body`);
      }
      if (op.rawBody) {
        const res = await callApi(reg, handler, { method: op.method.toUpperCase(), path: `${base}?filename=x.json`, params, as: reg.admin, body: '[{"id":"A\\u0000","modified":"2024-01-01T00:00:00Z"}]' });
        expect(res.status, `${label} raw body: ${JSON.stringify(res.body)}`).toBeLessThan(500);
      }
    });
  }
});

describe('every /v2 route refuses NUL and lone surrogates in the OCI terms', () => {
  const admin = () => reg.admin;

  it('never answers 5xx for bad text in any path segment or query parameter', async () => {
    const c = new OciClient(reg, admin());
    const session = await startUpload(c, name);
    const uploadPath = new URL(session.location, reg.url).pathname;
    const routes: Array<[string, string]> = [
      ['GET', '/v2/'],
      ['GET', '/v2/_catalog'],
      ['GET', `/v2/${name}/tags/list`],
      ['GET', `/v2/${name}/manifests/v1`],
      ['HEAD', `/v2/${name}/manifests/v1`],
      ['DELETE', `/v2/${name}/manifests/${digest}`],
      ['GET', `/v2/${name}/blobs/${digest}`],
      ['DELETE', `/v2/${name}/blobs/${digest}`],
      ['POST', `/v2/${name}/blobs/uploads/`],
      ['GET', uploadPath],
      ['PATCH', uploadPath],
      ['PUT', uploadPath],
      ['DELETE', uploadPath],
      ['GET', `/v2/${name}/referrers/${digest}`],
    ];
    const values = ['%00', 'a%00b', '%ED%A0%80', '%C0%80'];
    for (const [method, route] of routes) {
      for (const v of values) {
        for (const key of ['last', 'n', 'artifactType', 'digest', 'mount', 'from']) {
          const res = await rawRequest(reg, { method, path: `${route}?${key}=${v}`, user: admin(), headers: { 'Content-Length': '0' } });
          expect(res.status, `${method} ${route}?${key}=${v}: ${res.body}`).toBeLessThan(500);
        }
        // Path segments: the repository name, the reference, the digest and the upload id.
        const segments = route.split('/');
        for (let i = 2; i < segments.length; i++) {
          if (!segments[i]) continue;
          const bent = [...segments];
          bent[i] = `${segments[i]}${v}`;
          const res = await rawRequest(reg, { method, path: bent.join('/'), user: admin(), headers: { 'Content-Length': '0' } });
          expect(res.status, `${method} ${bent.join('/')}: ${res.body}`).toBeLessThan(500);
        }
      }
    }
  });

  it('answers the catalog, the tag list and the referrers filter with a 400 in OCI terms', async () => {
    const catalog = await rawRequest(reg, { method: 'GET', path: '/v2/_catalog?last=%00', user: admin() });
    expect(catalog.status).toBe(400);
    expect(rawErrorCode(catalog)).toBe('NAME_INVALID');
    const tags = await rawRequest(reg, { method: 'GET', path: `/v2/${name}/tags/list?last=a%00`, user: admin() });
    expect(tags.status).toBe(400);
    const referrers = await rawRequest(reg, { method: 'GET', path: `/v2/${name}/referrers/${digest}?artifactType=a%00`, user: admin() });
    expect(referrers.status).toBe(400);
    const mount = await rawRequest(reg, { method: 'POST', path: `/v2/${name}/blobs/uploads/?mount=${digest}%00&from=x`, user: admin(), headers: { 'Content-Length': '0' } });
    expect(rawErrorCode(mount)).toBe('DIGEST_INVALID');
  });

  it('refuses manifests whose annotations or artifactType hold NUL or lone surrogates with MANIFEST_INVALID', async () => {
    const c = new OciClient(reg, admin());
    const manifest = await c.fetch(`/v2/${name}/manifests/v1`, { headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' } });
    const doc = (await manifest.json()) as Record<string, unknown>;
    for (const extra of ['"annotations":{"a":"\\u0000"}', '"artifactType":"application/x\\ud800"', '"annotations":{"\\u0000":"v"}']) {
      const body = JSON.stringify(doc).replace(/}$/, `,${extra}}`);
      const res = await c.fetch(`/v2/${name}/manifests/bad`, { method: 'PUT', body, headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' } });
      expect(res.status, extra).toBe(400);
      expect(((await res.json()) as { errors: Array<{ code: string }> }).errors[0]!.code).toBe('MANIFEST_INVALID');
    }
  });

  it('refuses NUL in credentials and token requests without a 5xx', async () => {
    const basic = `Basic ${Buffer.from('ad\u0000min:pw').toString('base64')}`;
    expect((await fetch(`${reg.url}/v2/`, { headers: { authorization: basic } })).status).toBe(401);
    expect((await fetch(`${reg.url}/auth/token?service=berth-registry&scope=repository:a%00:pull`)).status).toBe(400);
    const form = 'grant_type=password&username=ad%00min&password=x&service=berth-registry';
    const post = await fetch(`${reg.url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(post.status).toBe(400);
  });
});
