import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as repositoriesRoute from '@/app/api/v1/repositories/route';
import * as repositoryRoute from '@/app/api/v1/repositories/[namespace]/[repository]/route';
import * as tagsRoute from '@/app/api/v1/repositories/[namespace]/[repository]/tags/route';
import * as tagRoute from '@/app/api/v1/repositories/[namespace]/[repository]/tags/[tag]/route';
import * as permissionsRoute from '@/app/api/v1/repositories/[namespace]/[repository]/permissions/route';
import * as permissionRoute from '@/app/api/v1/repositories/[namespace]/[repository]/permissions/[username]/route';
import { callApi, repoParams } from '../../support/api';
import { randomName } from '../../support/database';
import {
  expected, expectLikeMissing, expectStatus, readsRepository, setupMatrix, VIS, WHO,
  type ApiResult, type As, type Endpoint, type Matrix, type Vis,
} from './api-matrix-fixture';

// The repository half of the REST matrix: every caller against the public and the private repository.

let m: Matrix;
beforeAll(async () => {
  m = await setupMatrix();
});
afterAll(() => m?.reg.stop());

type RepositoryEndpoint = Extract<Endpoint, 'get-repository' | 'patch-repository' | 'delete-repository' | 'list-tags' | 'get-tag' | 'delete-tag' | 'list-repository-permissions' | 'put-repository-permission' | 'delete-repository-permission'>;

/** A response, and for a mutation whether its effect is there (it must be exactly when the request succeeded). */
type Sent = { res: ApiResult; applied?: () => Promise<boolean> };

const db = () => m.reg.app.db;
const hasGrant = async (repositoryName: string, username: string) =>
  (await db().repositoryPermission.count({ where: { repository: { name: repositoryName }, user: { username } } })) > 0;

/**
 * Each request names repository `name`: the fixture's repository of that visibility, or one that does not exist.
 * `prepare` makes the repository a mutating request works on (default: the fixture's); data a request needs on the
 * fixture's repository (a tag to delete, a grant to revoke) is made fresh on every call.
 */
const REQUESTS: Record<RepositoryEndpoint, { prepare?: (vis: Vis) => Promise<string>; send: (as: As, name: string, vis: Vis) => Promise<Sent> }> = {
  'get-repository': { send: async (as, name) => ({ res: await callApi(m.reg, repositoryRoute.GET, { path: `/api/v1/repositories/${name}`, params: repoParams(name), as }) }) },
  'patch-repository': {
    send: async (as, name) => {
      const summary = `matrix ${randomName()}`;
      const res = await callApi(m.reg, repositoryRoute.PATCH, { method: 'PATCH', path: `/api/v1/repositories/${name}`, params: repoParams(name), as, body: { summary } });
      return { res, applied: async () => (await db().repository.count({ where: { name, summary } })) > 0 };
    },
  },
  'delete-repository': {
    prepare: (vis) => m.throwawayRepository(vis),
    send: async (as, name) => {
      const res = await callApi(m.reg, repositoryRoute.DELETE, { method: 'DELETE', path: `/api/v1/repositories/${name}`, params: repoParams(name), as });
      return { res, applied: async () => (await db().repository.count({ where: { name } })) === 0 };
    },
  },
  'list-tags': { send: async (as, name) => ({ res: await callApi(m.reg, tagsRoute.GET, { path: `/api/v1/repositories/${name}/tags`, params: repoParams(name), as }) }) },
  'get-tag': {
    send: async (as, name) => ({ res: await callApi(m.reg, tagRoute.GET, { path: `/api/v1/repositories/${name}/tags/v1`, params: { ...repoParams(name), tag: 'v1' }, as }) }),
  },
  'delete-tag': {
    send: async (as, name, vis) => {
      const tag = await m.pushTag(m.repos[vis].name);
      const res = await callApi(m.reg, tagRoute.DELETE, { method: 'DELETE', path: `/api/v1/repositories/${name}/tags/${tag}`, params: { ...repoParams(name), tag }, as });
      return { res, applied: async () => (await db().tag.count({ where: { repositoryId: m.repos[vis].id, name: tag } })) === 0 };
    },
  },
  'list-repository-permissions': {
    send: async (as, name) => ({ res: await callApi(m.reg, permissionsRoute.GET, { path: `/api/v1/repositories/${name}/permissions`, params: repoParams(name), as }) }),
  },
  'put-repository-permission': {
    send: async (as, name) => {
      const username = await m.grantee();
      const res = await callApi(m.reg, permissionRoute.PUT, {
        method: 'PUT', path: `/api/v1/repositories/${name}/permissions/${username}`, params: { ...repoParams(name), username }, as, body: { level: 'read' },
      });
      return { res, applied: () => hasGrant(name, username) };
    },
  },
  'delete-repository-permission': {
    send: async (as, name, vis) => {
      const username = await m.grantee();
      const user = await db().user.findUniqueOrThrow({ where: { username } });
      await db().repositoryPermission.create({ data: { repositoryId: m.repos[vis].id, userId: user.id, level: 'READ' } });
      const res = await callApi(m.reg, permissionRoute.DELETE, {
        method: 'DELETE', path: `/api/v1/repositories/${name}/permissions/${username}`, params: { ...repoParams(name), username }, as,
      });
      return { res, applied: async () => !(await hasGrant(m.repos[vis].name, username)) };
    },
  },
};

const ENDPOINTS = Object.keys(REQUESTS) as RepositoryEndpoint[];

describe.each(WHO)('%s', (who) => {
  it.each(VIS.flatMap((vis) => ENDPOINTS.map((endpoint) => [vis, endpoint] as const)))('%s repository: %s', async (vis, endpoint) => {
    const as = m.callers.get(who)!;
    const { prepare, send } = REQUESTS[endpoint];
    const name = prepare ? await prepare(vis) : m.repos[vis].name;
    const { res, applied } = await send(as, name, vis);
    const want = expected(who, vis, endpoint);
    expectStatus(res, want);
    // A refused mutation leaves no trace; an allowed one did what it said.
    if (applied) expect(await applied()).toBe(want < 300);
    if (want === 404) expectLikeMissing(res, (await send(as, `${m.namespaces.public}/${randomName('nope')}`, vis)).res);
  });

  it.each(VIS)('lists the %s repository exactly when it may read it', async (vis) => {
    const { name } = m.repos[vis];
    const res = await callApi(m.reg, repositoriesRoute.GET, { path: `/api/v1/repositories?q=${encodeURIComponent(name)}`, as: m.callers.get(who)! });
    expectStatus(res, expected(who, vis, 'list-repositories'));
    if (res.status !== 200) return;
    expect((res.body.items as Array<{ name: string }>).some((r) => r.name === name)).toBe(readsRepository(who, vis));
  });
});
