import { describe, expect, it } from 'vitest';
import { withApi } from '@/lib/api/with-api';
import { callApi } from '../support/api';
import { useTestRegistry } from '../support/registry';

// Every REST route declares how it is authorized; one that does not is a type error (the build's type check,
// part of `npm test`, fails), and each declaration is enforced before the handler runs.

const reg = useTestRegistry();

describe('withApi requires a declared authorization', () => {
  it('does not compile a route without one', () => {
    // @ts-expect-error a route must say whether it is public, authorized in its service, or gated by an action
    const undeclared = withApi(async () => ({ ok: true }));
    expect(typeof undeclared).toBe('function');
  });

  it('runs the gate for a declared action before the handler', async () => {
    let ran = 0;
    const route = withApi(async () => ({ ran: ++ran }), { action: 'cr:ManageUser' });
    const user = await reg.createUser();
    expect((await callApi(reg, route, { path: '/api/v1/x', as: user })).status).toBe(403);
    expect((await callApi(reg, route, { path: '/api/v1/x', as: null })).status).toBe(401);
    expect(ran).toBe(0);
    expect((await callApi(reg, route, { path: '/api/v1/x', as: reg.admin })).status).toBe(200);
    expect(ran).toBe(1);
  });

  it('keeps anonymous callers out unless the route is public', async () => {
    const inService = withApi(async () => ({ ok: true }), { authorize: 'in-service' });
    const open = withApi(async ({ actor }) => ({ kind: actor.kind }), { public: true });
    expect((await callApi(reg, inService, { path: '/api/v1/x', as: null })).status).toBe(401);
    const res = await callApi(reg, open, { path: '/api/v1/x', as: null });
    expect(res.status).toBe(200);
    expect(res.body.kind).toBe('anonymous');
  });
});
