import { describe, expect, it } from 'vitest';
import * as usersRoute from '@/app/api/v1/users/route';
import * as userRoute from '@/app/api/v1/users/[username]/route';
import * as meRoute from '@/app/api/v1/me/route';
import * as openapiRoute from '@/app/api/v1/openapi.json/route';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();

describe('users API', () => {
  it('lets an admin create a user who can then authenticate', async () => {
    const username = randomName('u');
    const created = await callApi(reg, usersRoute.POST, { method: 'POST', path: '/api/v1/users', as: reg.admin, body: { username, password: 'correct-horse-1' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username, isAdmin: false, disabled: false });
    expect(JSON.stringify(created.body)).not.toContain('correct-horse-1');
    const me = await callApi(reg, meRoute.GET, { path: '/api/v1/me', as: { id: created.body.id, username, password: 'correct-horse-1' } });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(username);
  });

  it('answers field errors for bad input and a conflict for a taken name', async () => {
    const bad = await callApi(reg, usersRoute.POST, { method: 'POST', path: '/api/v1/users', as: reg.admin, body: { username: 'Bad Name', password: 'short' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['password', 'username']);
    const taken = await callApi(reg, usersRoute.POST, { method: 'POST', path: '/api/v1/users', as: reg.admin, body: { username: 'admin', password: 'long-enough-1' } });
    expect(taken.status).toBe(409);
  });

  it('refuses non-admins and anonymous callers', async () => {
    const user = await reg.createUser();
    const asUser = await callApi(reg, usersRoute.GET, { path: '/api/v1/users', as: user });
    expect(asUser.status).toBe(403);
    const anon = await callApi(reg, usersRoute.GET, { path: '/api/v1/users', as: null });
    expect(anon.status).toBe(401);
    const wrong = await callApi(reg, usersRoute.GET, { path: '/api/v1/users', as: { ...user, password: 'wrong-password' } });
    expect(wrong.status).toBe(401);
  });

  it('disables a user, whose credentials stop working at once, and resets a password', async () => {
    const user = await reg.createUser();
    expect((await callApi(reg, meRoute.GET, { path: '/api/v1/me', as: user })).status).toBe(200);
    const disabled = await callApi(reg, userRoute.PATCH, { method: 'PATCH', path: `/api/v1/users/${user.username}`, params: { username: user.username }, as: reg.admin, body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await callApi(reg, meRoute.GET, { path: '/api/v1/me', as: user })).status).toBe(401);
    await callApi(reg, userRoute.PATCH, { method: 'PATCH', path: '/', params: { username: user.username }, as: reg.admin, body: { disabled: false, password: 'a-new-password-1' } });
    expect((await callApi(reg, meRoute.GET, { path: '/api/v1/me', as: user })).status).toBe(401);
    expect((await callApi(reg, meRoute.GET, { path: '/api/v1/me', as: { ...user, password: 'a-new-password-1' } })).status).toBe(200);
  });

  it('publishes an OpenAPI document built from the same schemas', async () => {
    const doc = await (openapiRoute.GET() as Response).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/users'].post.requestBody.content['application/json'].schema.properties.username.pattern).toBeTruthy();
  });
});
