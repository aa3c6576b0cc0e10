import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as namespacesRoute from '@/app/api/v1/namespaces/route';
import * as usersRoute from '@/app/api/v1/users/route';
import * as policiesRoute from '@/app/api/v1/policies/route';
import * as simulateRoute from '@/app/api/v1/policies/simulate/route';
import * as auditRoute from '@/app/api/v1/audit/route';
import * as tokensRoute from '@/app/api/v1/tokens/route';
import { repositoryResource } from '@/lib/access/resource';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { expected, expectStatus, seesAuditEvents, setupMatrix, VIS, WHO, type ApiResult, type As, type Endpoint, type Matrix, type Vis, type Who } from './api-matrix-fixture';

// The installation-wide half of the REST matrix: users, policies, namespace creation, audit and tokens, for every
// caller. Simulation and audit also depend on the repository or namespace they name, so they run for both.

let m: Matrix;
beforeAll(async () => {
  m = await setupMatrix();
});
afterAll(() => m?.reg.stop());

type InstanceEndpoint = Extract<Endpoint, 'create-namespace' | 'list-users' | 'create-user' | 'list-policies' | 'create-policy' | 'list-tokens' | 'create-token'>;

/** A response, and for a creation whether the thing exists (it must be exactly when the request succeeded). */
type Sent = { res: ApiResult; applied?: () => Promise<boolean> };

const db = () => m.reg.app.db;
const exists = async (count: Promise<number>) => (await count) > 0;

const REQUESTS: Record<InstanceEndpoint, (as: As) => Promise<Sent>> = {
  'create-namespace': async (as) => {
    const name = randomName('new');
    const res = await callApi(m.reg, namespacesRoute.POST, { method: 'POST', path: '/api/v1/namespaces', as, body: { name } });
    return { res, applied: () => exists(db().namespace.count({ where: { name } })) };
  },
  'list-users': async (as) => ({ res: await callApi(m.reg, usersRoute.GET, { path: '/api/v1/users', as }) }),
  'create-user': async (as) => {
    const username = randomName('new');
    const res = await callApi(m.reg, usersRoute.POST, { method: 'POST', path: '/api/v1/users', as, body: { username, password: `pw-${randomName()}` } });
    return { res, applied: () => exists(db().user.count({ where: { username } })) };
  },
  'list-policies': async (as) => ({ res: await callApi(m.reg, policiesRoute.GET, { path: '/api/v1/policies', as }) }),
  'create-policy': async (as) => {
    const name = randomName('P');
    const document = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'cr:GetRepository', Resource: '*' }] };
    const res = await callApi(m.reg, policiesRoute.POST, { method: 'POST', path: '/api/v1/policies', as, body: { name, document } });
    return { res, applied: () => exists(db().policy.count({ where: { name } })) };
  },
  'list-tokens': async (as) => ({ res: await callApi(m.reg, tokensRoute.GET, { path: '/api/v1/tokens', as }) }),
  'create-token': async (as) => {
    const name = randomName('tok');
    const res = await callApi(m.reg, tokensRoute.POST, { method: 'POST', path: '/api/v1/tokens', as, body: { name } });
    return { res, applied: () => exists(db().accessToken.count({ where: { name } })) };
  },
};

const ENDPOINTS = Object.keys(REQUESTS) as InstanceEndpoint[];

/** Whatever a successful answer must hold beyond its status. */
async function checkBody(who: Who, endpoint: InstanceEndpoint, res: ApiResult): Promise<void> {
  if (endpoint === 'list-tokens') {
    // Only the caller's own tokens, never anyone else's.
    const ids = (res.body.tokens as Array<{ id: string }>).map((t) => t.id);
    const owners = await m.reg.app.db.accessToken.findMany({ where: { id: { in: ids } }, select: { userId: true } });
    expect(owners.map((o) => o.userId)).toEqual(ids.map(() => m.userIds.get(who)));
  }
  if (endpoint === 'create-token') expect(res.body.secret).toMatch(/^berth_pat_/);
}

describe.each(WHO)('%s', (who) => {
  it.each(ENDPOINTS)('%s', async (endpoint) => {
    const { res, applied } = await REQUESTS[endpoint](m.callers.get(who)!);
    const want = expected(who, undefined, endpoint);
    expectStatus(res, want);
    // A refused creation leaves nothing behind; an allowed one created what it said.
    if (applied) expect(await applied()).toBe(want < 300);
    if (want < 300) await checkBody(who, endpoint, res);
  });

  it.each(VIS)('simulates another user on the %s repository', async (vis) => {
    const resource = repositoryResource({ region: m.reg.app.config.region, account: m.reg.app.config.account }, m.repos[vis].name);
    const res = await callApi(m.reg, simulateRoute.POST, {
      method: 'POST', path: '/api/v1/policies/simulate', as: m.callers.get(who)!, body: { username: m.subject.username, action: 'cr:PullRepository', resource },
    });
    expectStatus(res, expected(who, vis, 'simulate'));
    // The subject holds no grant: only the public grant lets them pull.
    if (res.status === 200) expect(res.body.decision).toBe(vis === 'public' ? 'allow' : 'deny');
  });

  it.each(VIS)('reads the audit log of the %s namespace only if it may', async (vis: Vis) => {
    const namespace = m.namespaces[vis];
    const res = await callApi(m.reg, auditRoute.GET, { path: `/api/v1/audit?namespace=${namespace}&limit=200`, as: m.callers.get(who)! });
    expectStatus(res, expected(who, vis, 'audit'));
    if (res.status !== 200) return;
    const items = res.body.items as Array<{ namespace: string | null }>;
    expect(items.every((e) => e.namespace === namespace)).toBe(true);
    // The fixture wrote an event in each namespace (the admin's update), so "sees" means at least one.
    expect(items.length > 0).toBe(seesAuditEvents(who));
  });
});
