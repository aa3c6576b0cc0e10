import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as namespacesRoute from '@/app/api/v1/namespaces/route';
import * as namespaceRoute from '@/app/api/v1/namespaces/[namespace]/route';
import * as permissionsRoute from '@/app/api/v1/namespaces/[namespace]/permissions/route';
import * as permissionRoute from '@/app/api/v1/namespaces/[namespace]/permissions/[username]/route';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import {
  expected, expectLikeMissing, expectStatus, readsRepository, seesNamespace, setupMatrix, VIS, WHO,
  type ApiResult, type As, type Endpoint, type Matrix, type Vis, type Who,
} from './api-matrix-fixture';

// The namespace half of the REST matrix: every caller against the owner's namespace that holds a public repository
// ("public") and the one that holds only a private repository ("private").

let m: Matrix;
beforeAll(async () => {
  m = await setupMatrix();
});
afterAll(() => m?.reg.stop());

type NamespaceEndpoint = Extract<Endpoint, 'get-namespace' | 'patch-namespace' | 'list-namespace-permissions' | 'put-namespace-permission'>;

/** A response, and for a mutation whether its effect is there (it must be exactly when the request succeeded). */
type Sent = { res: ApiResult; applied?: () => Promise<boolean> };

const db = () => m.reg.app.db;

/** Each request names namespace `name`: one of the fixture's, or one that does not exist. */
const REQUESTS: Record<NamespaceEndpoint, (as: As, name: string) => Promise<Sent>> = {
  'get-namespace': async (as, name) => ({ res: await callApi(m.reg, namespaceRoute.GET, { path: `/api/v1/namespaces/${name}`, params: { namespace: name }, as }) }),
  // Flips the default visibility of new repositories, which nothing in this file depends on.
  'patch-namespace': async (as, name) => {
    const before = await db().namespace.findUnique({ where: { name }, select: { defaultVisibility: true } });
    const defaultVisibility = before?.defaultVisibility === 'PUBLIC' ? 'private' : 'public';
    const res = await callApi(m.reg, namespaceRoute.PATCH, { method: 'PATCH', path: `/api/v1/namespaces/${name}`, params: { namespace: name }, as, body: { defaultVisibility } });
    return { res, applied: async () => (await db().namespace.findUniqueOrThrow({ where: { name } })).defaultVisibility !== before?.defaultVisibility };
  },
  'list-namespace-permissions': async (as, name) => ({
    res: await callApi(m.reg, permissionsRoute.GET, { path: `/api/v1/namespaces/${name}/permissions`, params: { namespace: name }, as }),
  }),
  'put-namespace-permission': async (as, name) => {
    const username = await m.grantee();
    const res = await callApi(m.reg, permissionRoute.PUT, {
      method: 'PUT', path: `/api/v1/namespaces/${name}/permissions/${username}`, params: { namespace: name, username }, as, body: { level: 'read' },
    });
    return { res, applied: async () => (await db().namespacePermission.count({ where: { namespace: { name }, user: { username } } })) > 0 };
  },
};

const ENDPOINTS = Object.keys(REQUESTS) as NamespaceEndpoint[];

/**
 * How many of a namespace's repositories the caller is shown: only those it may read, so counts leak nothing hidden.
 * The "private" namespace holds one repository, readable by everyone who sees the namespace. The "public" one holds
 * the public repository, the private one (readable with a repository grant) and `seed`, which is private and
 * reached only namespace-wide: owner, namespace grant, admin, ReadOnlyAccess.
 */
function repositoryCount(who: Who, vis: Vis): number {
  if (vis === 'private') return 1;
  if (who === 'owner' || who === 'namespace-read' || who === 'admin' || who === 'read-only-policy') return 3;
  return readsRepository(who, 'private') ? 2 : 1;
}

describe.each(WHO)('%s', (who) => {
  it.each(VIS.flatMap((vis) => ENDPOINTS.map((endpoint) => [vis, endpoint] as const)))('%s namespace: %s', async (vis, endpoint) => {
    const as = m.callers.get(who)!;
    const { res, applied } = await REQUESTS[endpoint](as, m.namespaces[vis]);
    const want = expected(who, vis, endpoint);
    expectStatus(res, want);
    // A refused mutation leaves no trace; an allowed one did what it said.
    if (applied) expect(await applied()).toBe(want < 300);
    if (want === 404) expectLikeMissing(res, (await REQUESTS[endpoint](as, randomName('nope'))).res);
    if (want === 200 && endpoint === 'get-namespace') {
      expect(res.body).toMatchObject({ name: m.namespaces[vis], repositoryCount: repositoryCount(who, vis) });
    }
  });

  it.each(VIS)('lists the %s namespace exactly when it may see it', async (vis) => {
    const res = await callApi(m.reg, namespacesRoute.GET, { path: '/api/v1/namespaces', as: m.callers.get(who)! });
    expectStatus(res, expected(who, vis, 'list-namespaces'));
    if (res.status !== 200) return;
    const listed = (res.body.items as Array<{ name: string; repositoryCount: number }>).find((n) => n.name === m.namespaces[vis]);
    expect(listed !== undefined).toBe(seesNamespace(who, vis));
    if (listed) expect(listed.repositoryCount).toBe(repositoryCount(who, vis));
  });
});
