// The tags API as the console's tag list reads it: pull statistics per tag, and which tags an immutability rule
// protects (with the rule's name), for the list and for a single tag.
import { beforeAll, describe, expect, it } from 'vitest';
import * as nsRulesRoute from '@/app/api/v1/namespaces/[namespace]/immutability-rules/route';
import * as repoRulesRoute from '@/app/api/v1/repositories/[namespace]/[repository]/immutability-rules/route';
import * as tagsRoute from '@/app/api/v1/repositories/[namespace]/[repository]/tags/route';
import * as tagRoute from '@/app/api/v1/repositories/[namespace]/[repository]/tags/[tag]/route';
import { flushPulls } from '@/lib/services/manifests/record-pull';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
const ns = randomName('ns');
const repo = `${ns}/app`;
const params = { namespace: ns, repository: 'app' };

beforeAll(async () => {
  const oci = new OciClient(reg, reg.admin);
  for (const tag of ['v1.0', 'v2.0', 'dev', 'stable']) await oci.pushImage(repo, tag);
  const ns1 = await callApi(reg, nsRulesRoute.POST, { method: 'POST', path: `/api/v1/namespaces/${ns}/immutability-rules`, params: { namespace: ns }, as: reg.admin, body: { name: 'releases', pattern: 'v[0-9].*' } });
  expect(ns1.status).toBe(201);
  const own = await callApi(reg, repoRulesRoute.POST, { method: 'POST', path: `/api/v1/repositories/${repo}/immutability-rules`, params, as: reg.admin, body: { name: 'pinned', pattern: 'stable|v2\\.0' } });
  expect(own.status).toBe(201);
  // Three pulls of v1.0 by tag, none of the others.
  for (let i = 0; i < 3; i++) {
    const res = await oci.fetch(`/v2/${repo}/manifests/v1.0`, { headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' } });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }
  await flushPulls(reg.app);
});

describe('tags API columns', () => {
  it('lists pulls, last pull and immutability per tag, the repository rule before the namespace rule', async () => {
    const res = await callApi(reg, tagsRoute.GET, { path: `/api/v1/repositories/${repo}/tags?sort=name`, params, as: reg.admin });
    expect(res.status).toBe(200);
    const byName = Object.fromEntries((res.body.items as Array<Record<string, unknown>>).map((t) => [t.name, t]));
    expect(byName['v1.0']).toMatchObject({ pulls: 3, immutable: true, immutableRule: 'releases' });
    expect(Date.parse(byName['v1.0']!.lastPulledAt as string)).not.toBeNaN();
    expect(byName['v2.0']).toMatchObject({ pulls: 0, lastPulledAt: null, immutable: true, immutableRule: 'pinned' });
    expect(byName.stable).toMatchObject({ immutable: true, immutableRule: 'pinned' });
    expect(byName.dev).toMatchObject({ pulls: 0, immutable: false, immutableRule: null });
  });

  it('says the same for one tag', async () => {
    const res = await callApi(reg, tagRoute.GET, { path: `/api/v1/repositories/${repo}/tags/dev`, params: { ...params, tag: 'dev' }, as: reg.admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'dev', immutable: false, immutableRule: null });
    const pinned = await callApi(reg, tagRoute.GET, { path: `/api/v1/repositories/${repo}/tags/v1.0`, params: { ...params, tag: 'v1.0' }, as: reg.admin });
    expect(pinned.body).toMatchObject({ name: 'v1.0', immutable: true, immutableRule: 'releases', pulls: 3 });
  });

  it('refuses to delete an immutable tag and names the rule, while a mutable one goes', async () => {
    const refused = await callApi(reg, tagRoute.DELETE, { method: 'DELETE', path: `/api/v1/repositories/${repo}/tags/v1.0`, params: { ...params, tag: 'v1.0' }, as: reg.admin });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('rule "releases"');
    const gone = await callApi(reg, tagRoute.DELETE, { method: 'DELETE', path: `/api/v1/repositories/${repo}/tags/dev`, params: { ...params, tag: 'dev' }, as: reg.admin });
    expect(gone.status).toBe(204);
  });
});
