// Immutable tags: a push that would move a protected tag and a delete of one are refused with DENIED and the words
// skopeo prints; through /v2, the REST API and the rules' own API.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as nsRulesRoute from '@/app/api/v1/namespaces/[namespace]/immutability-rules/route';
import * as nsRuleRoute from '@/app/api/v1/namespaces/[namespace]/immutability-rules/[id]/route';
import * as repoRulesRoute from '@/app/api/v1/repositories/[namespace]/[repository]/immutability-rules/route';
import * as tagRoute from '@/app/api/v1/repositories/[namespace]/[repository]/tags/[tag]/route';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { skopeoCopy, skopeoCopyOk, skopeoDelete } from '../../support/clients';
import { buildImage, type BuiltImage } from '../../support/images';
import { errorCode, useAdminClient } from '../../support/oci-client';
import { requireTool } from '../../support/tools';
import { useTestRegistry } from '../../support/registry';
import { useTempDirs } from '../../support/temp-dirs';
import { pushImage } from './support';

const reg = useTestRegistry();
const c = useAdminClient(reg);
const dirs = useTempDirs();
let first: BuiltImage;
let second: BuiltImage;
beforeAll(async () => {
  for (const tool of ['skopeo', 'umoci', 'unshare']) requireTool(tool);
  const dir = await dirs.make('berth-immutable-');
  first = await buildImage({ dir, tag: 'one', layers: [{ files: { 'etc/motd': `one ${randomName()}\n` } }] });
  second = await buildImage({ dir, tag: 'two', layers: [{ files: { 'etc/motd': `two ${randomName()}\n` } }] });
});

/** skopeo's fatal line as a user reads it: logrus quotes the message and escapes its quotes (backslashes dropped). */
const printed = (stderr: string) => stderr.replaceAll('\\', '');

async function addNamespaceRule(ns: string, name: string, pattern: string) {
  const res = await callApi(reg, nsRulesRoute.POST, { method: 'POST', path: `/api/v1/namespaces/${ns}/immutability-rules`, params: { namespace: ns }, as: reg.admin, body: { name, pattern } });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

describe('immutable tags through skopeo', () => {
  it('refuses to move or delete a protected tag with the rule named, and leaves other tags alone', async () => {
    const ns = randomName('ns');
    const repo = `${ns}/app`;
    const creds = { username: reg.admin.username, password: reg.admin.password };
    await skopeoCopyOk(first.ref, `docker://${reg.host}/${repo}:v1.2`, { creds });
    await addNamespaceRule(ns, 'releases', '^v[0-9].*');

    // Pushing the same image again is no move: allowed.
    await skopeoCopyOk(first.ref, `docker://${reg.host}/${repo}:v1.2`, { creds });
    const moved = await skopeoCopy(second.ref, `docker://${reg.host}/${repo}:v1.2`, { creds });
    expect(moved.code).not.toBe(0);
    expect(printed(moved.stderr)).toContain('denied: tag "v1.2" is immutable (rule "releases")');

    const deleted = await skopeoDelete(`docker://${reg.host}/${repo}:v1.2`, { creds });
    expect(deleted.code).not.toBe(0);
    // skopeo's delete prints the registry's error body as it came.
    expect(printed(deleted.stderr)).toContain('{"code":"DENIED","message":"tag "v1.2" is immutable (rule "releases")"');

    // The tag still points at the first image; an unprotected tag moves and goes freely.
    const head = await c.fetch(`/v2/${repo}/manifests/v1.2`, { method: 'HEAD', headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' } });
    expect(head.headers.get('docker-content-digest')).toBe(first.digest);
    await skopeoCopyOk(first.ref, `docker://${reg.host}/${repo}:latest`, { creds });
    await skopeoCopyOk(second.ref, `docker://${reg.host}/${repo}:latest`, { creds });
    expect((await skopeoDelete(`docker://${reg.host}/${repo}:latest`, { creds })).code).toBe(0);
  });
});

describe('immutable tags through /v2 and the REST API', () => {
  it('a delete by tag, by digest and through the API is refused the same way; deleting the rule lifts it', async () => {
    const ns = randomName('ns');
    const repo = `${ns}/svc`;
    const image = await pushImage(c, repo, 'v2.0', [randomBytes(64)]);
    const rule = await addNamespaceRule(ns, 'releases', 'v[0-9]+\\.[0-9]+');
    for (const ref of ['v2.0', image.digest]) {
      const res = await c.fetch(`/v2/${repo}/manifests/${ref}`, { method: 'DELETE' });
      expect(res.status).toBe(403);
      expect(await errorCode(res)).toBe('DENIED');
    }
    const api = await callApi(reg, tagRoute.DELETE, { method: 'DELETE', path: `/api/v1/repositories/${repo}/tags/v2.0`, params: { namespace: ns, repository: 'svc', tag: 'v2.0' }, as: reg.admin });
    expect(api.status).toBe(403);
    expect(api.body.error.message).toBe('tag "v2.0" is immutable (rule "releases")');
    await expect(pushImage(c, repo, 'v2.0', [randomBytes(64)])).rejects.toThrow(/403.*tag \\"v2.0\\" is immutable \(rule \\"releases\\"\)/);

    const del = await callApi(reg, nsRuleRoute.DELETE, { method: 'DELETE', path: `/api/v1/namespaces/${ns}/immutability-rules/${rule.id}`, params: { namespace: ns, id: rule.id }, as: reg.admin });
    expect(del.status).toBe(204);
    expect((await c.fetch(`/v2/${repo}/manifests/v2.0`, { method: 'DELETE' })).status).toBe(202);
  });

  it('a repository rule protects only that repository, and the repository lists its namespace rules too', async () => {
    const ns = randomName('ns');
    await pushImage(c, `${ns}/a`, 'stable', [randomBytes(32)]);
    await pushImage(c, `${ns}/b`, 'stable', [randomBytes(32)]);
    await addNamespaceRule(ns, 'releases', 'v.*');
    const created = await callApi(reg, repoRulesRoute.POST, { method: 'POST', path: `/api/v1/repositories/${ns}/a/immutability-rules`, params: { namespace: ns, repository: 'a' }, as: reg.admin, body: { name: 'stable', pattern: 'stable' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'stable', pattern: 'stable', scope: 'repository' });
    const list = await callApi(reg, repoRulesRoute.GET, { path: `/api/v1/repositories/${ns}/a/immutability-rules`, params: { namespace: ns, repository: 'a' }, as: reg.admin });
    expect(list.body.rules.map((r: { name: string; scope: string }) => `${r.scope}:${r.name}`)).toEqual(['repository:stable', 'namespace:releases']);
    expect(await errorCode(await c.fetch(`/v2/${ns}/a/manifests/stable`, { method: 'DELETE' }))).toBe('DENIED');
    expect((await c.fetch(`/v2/${ns}/b/manifests/stable`, { method: 'DELETE' })).status).toBe(202);
  });

  it('validates rules, refuses duplicates, and hides the rules of repositories a user may not read', async () => {
    const ns = randomName('ns');
    await pushImage(c, `${ns}/app`, 'x', [randomBytes(16)]);
    const bad = await callApi(reg, nsRulesRoute.POST, { method: 'POST', path: '/x', params: { namespace: ns }, as: reg.admin, body: { name: 'bad name!', pattern: '(a' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['name', 'pattern']);
    await addNamespaceRule(ns, 'releases', 'v.*');
    const dup = await callApi(reg, nsRulesRoute.POST, { method: 'POST', path: '/x', params: { namespace: ns }, as: reg.admin, body: { name: 'releases', pattern: 'x' } });
    expect(dup.status).toBe(409);
    const stranger = await reg.createUser();
    expect((await callApi(reg, repoRulesRoute.GET, { path: '/x', params: { namespace: ns, repository: 'app' }, as: stranger })).status).toBe(404);
    expect((await callApi(reg, nsRulesRoute.POST, { method: 'POST', path: '/x', params: { namespace: ns }, as: stranger, body: { name: 'r', pattern: 'x' } })).status).toBe(404);
  });
});
