// Global search (GET /api/v1/search) and user suggestions (GET /api/v1/users?q=): scoped to what the caller may
// read or list, bounded in query length and result count, and clear errors for bad input.
import { beforeAll, describe, expect, it } from 'vitest';
import * as namespacesRoute from '@/app/api/v1/namespaces/route';
import * as searchRoute from '@/app/api/v1/search/route';
import * as usersRoute from '@/app/api/v1/users/route';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';

const reg = useTestRegistry();
let reader: TestUser;
const ns = randomName('srch');
const repos = { web: `${ns}/webapp`, hidden: `${ns}/webhidden`, api: `${ns}/api` };

const search = (as: TestUser | null, query: string) => callApi(reg, searchRoute.GET, { path: `/api/v1/search?${query}`, as });
const users = (as: TestUser | null, query: string) => callApi(reg, usersRoute.GET, { path: `/api/v1/users?${query}`, as });

beforeAll(async () => {
  reader = await reg.createUser({ username: randomName('zed') });
  expect((await callApi(reg, namespacesRoute.POST, { method: 'POST', path: '/api/v1/namespaces', as: reg.admin, body: { name: ns } })).status).toBe(201);
  const oci = new OciClient(reg, reg.admin);
  await oci.pushImage(repos.web, 'release-1.0');
  await oci.pushImage(repos.web, 'latest');
  await oci.pushImage(repos.hidden, 'release-2.0');
  await oci.pushImage(repos.api, 'web');
  for (const name of [repos.web, repos.api]) await reg.app.db.repository.update({ where: { name }, data: { visibility: 'PUBLIC' } });
});

describe('GET /api/v1/search', () => {
  it('finds readable repositories and tags by name, exact and prefix matches first, hidden ones absent', async () => {
    const res = await search(reader, 'q=web');
    expect(res.status).toBe(200);
    expect(res.body.repositories).toEqual([{ name: repos.web, visibility: 'public', lastPushedAt: expect.any(String) }]);
    expect(res.body.tags).toEqual([{ repository: repos.api, tag: 'web', pushedAt: expect.any(String) }]);
    const releases = await search(reader, 'q=release');
    expect(releases.body.tags.map((t: { repository: string; tag: string }) => `${t.repository}:${t.tag}`)).toEqual([`${repos.web}:release-1.0`]);
    expect(JSON.stringify(releases.body)).not.toContain('webhidden');
  });

  it('shows an administrator the private repository too', async () => {
    const res = await search(reg.admin, 'q=web');
    expect(res.body.repositories.map((r: { name: string }) => r.name)).toEqual([repos.web, repos.hidden]);
    const tags = await search(reg.admin, 'q=release');
    expect(tags.body.tags.map((t: { tag: string }) => t.tag).sort()).toEqual(['release-1.0', 'release-2.0']);
  });

  it('narrows tags to repositories with repo:tag, and cuts every list at limit', async () => {
    const res = await search(reg.admin, `q=${encodeURIComponent('hidden:rel')}`);
    expect(res.body).toEqual({ repositories: [], tags: [{ repository: repos.hidden, tag: 'release-2.0', pushedAt: expect.any(String) }] });
    const one = await search(reg.admin, 'q=e&limit=1');
    expect(one.body.repositories).toHaveLength(1);
    expect(one.body.tags).toHaveLength(1);
  });

  it('treats LIKE wildcards as text', async () => {
    const res = await search(reg.admin, `q=${encodeURIComponent('%')}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ repositories: [], tags: [] });
  });

  it('refuses an empty or overlong query and a bad limit with field errors, and anonymous callers', async () => {
    for (const [query, field] of [['q=', 'q'], [`q=${'a'.repeat(129)}`, 'q'], ['q=a&limit=500', 'limit'], ['', 'q']] as const) {
      const res = await search(reader, query);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual([field]);
    }
    expect((await search(null, 'q=web')).status).toBe(401);
  });
});

describe('GET /api/v1/users?q=', () => {
  it('suggests users by name prefix, case-insensitively and bounded, to administrators', async () => {
    const res = await users(reg.admin, `q=${reader.username.slice(0, 5).toUpperCase()}`);
    expect(res.status).toBe(200);
    expect(res.body.users.map((u: { username: string }) => u.username)).toContain(reader.username);
    expect(res.body.users.every((u: { username: string }) => u.username.startsWith('zed'))).toBe(true);
    const limited = await users(reg.admin, 'q=a&limit=1');
    expect(limited.body.users.map((u: { username: string }) => u.username)).toEqual(['admin']);
  });

  it('answers other users as the full list does: forbidden', async () => {
    const res = await users(reader, 'q=a');
    expect(res.status).toBe(403);
    expect(res.body.users).toBeUndefined();
    expect((await users(reader, '')).status).toBe(403);
  });

  it('refuses an overlong prefix with a field error', async () => {
    const res = await users(reg.admin, `q=${'a'.repeat(65)}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['q']);
  });
});
