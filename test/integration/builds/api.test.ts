// The build REST API without running builds: validation, secrets never returned, authorization (hidden means
// absent), history, logs, cancel, audit. Builds stay queued: no worker runs here.
import { describe, expect, it } from 'vitest';
import * as rulesRoute from '@/app/api/v1/repositories/[namespace]/[repository]/build-rules/route';
import * as ruleRoute from '@/app/api/v1/repositories/[namespace]/[repository]/build-rules/[id]/route';
import * as runRoute from '@/app/api/v1/repositories/[namespace]/[repository]/build-rules/[id]/run/route';
import * as buildsRoute from '@/app/api/v1/repositories/[namespace]/[repository]/builds/route';
import * as buildRoute from '@/app/api/v1/repositories/[namespace]/[repository]/builds/[id]/route';
import * as logRoute from '@/app/api/v1/repositories/[namespace]/[repository]/builds/[id]/log/route';
import * as cancelRoute from '@/app/api/v1/repositories/[namespace]/[repository]/builds/[id]/cancel/route';
import * as hookRoute from '@/app/api/v1/build-hooks/[ruleId]/route';
import { setAppContext } from '@/lib/server/app-context-global';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { useAdminClient } from '../../support/oci-client';
import { useTestRegistry, type TestUser } from '../../support/registry';

const reg = useTestRegistry();
const oci = useAdminClient(reg);

const SSH_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n';

function params(repo: string, extra: Record<string, string> = {}) {
  const i = repo.indexOf('/');
  return { namespace: repo.slice(0, i), repository: repo.slice(i + 1), ...extra };
}

const rule = (over: Record<string, unknown> = {}) => ({
  name: randomName('rule'),
  source: { url: 'file:///srv/app.git' },
  trigger: { kind: 'branch', pattern: 'main' },
  dockerfileDir: '.',
  dockerfileName: 'Dockerfile',
  tagTemplate: '{branch}-{sha:7}',
  buildArgs: {},
  noCache: false,
  ...over,
});

async function newRepo(): Promise<string> {
  const repo = `${randomName('ns')}/${randomName('app')}`;
  await oci.pushImage(repo, 'seed');
  return repo;
}

async function grant(user: TestUser, repository: string, level: 'READ' | 'WRITE' | 'ADMIN') {
  const repo = await reg.app.db.repository.findUniqueOrThrow({ where: { name: repository } });
  await reg.app.db.repositoryPermission.create({ data: { repositoryId: repo.id, userId: user.id, level } });
}

const create = (repo: string, body: unknown, as: TestUser = reg.admin) =>
  callApi(reg, rulesRoute.POST, { method: 'POST', path: `/api/v1/repositories/${repo}/build-rules`, params: params(repo), body, as });
const run = (repo: string, id: string, body: unknown, as: TestUser = reg.admin) =>
  callApi(reg, runRoute.POST, { method: 'POST', path: `/api/v1/repositories/${repo}/build-rules/${id}/run`, params: params(repo, { id }), body, as });

describe('build rules API', () => {
  it('validates a rule field by field', async () => {
    const repo = await newRepo();
    const res = await create(repo, rule({
      source: { url: 'ftp://example.com/x.git' },
      trigger: { kind: 'branch', pattern: '(unclosed' },
      dockerfileDir: '../outside',
      tagTemplate: '{branch}-{commit}',
      buildArgs: { 'not-a-name': 'x' },
    }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = (res.body.error.details.fields as { path: string }[]).map((f) => f.path).sort();
    expect(paths).toEqual(['buildArgs.not-a-name', 'dockerfileDir', 'source.url', 'tagTemplate', 'trigger.pattern']);
    const password = await create(repo, rule({ source: { url: 'https://user:pw@example.com/x.git' } }));
    expect(password.body.error.details.fields).toEqual([{ path: 'source.url', message: 'must not contain a password; use credentials' }]);
  });

  it('never returns credentials, stores them sealed, and shows the webhook secret only when made', async () => {
    const repo = await newRepo();
    const created = await create(repo, rule({ source: { url: 'ssh://git@example.com/app.git', credentials: { kind: 'ssh-key', privateKey: SSH_KEY } } }));
    expect(created.status).toBe(201);
    expect(created.body.source).toEqual({ url: 'ssh://git@example.com/app.git', hasCredentials: true, credentialsKind: 'ssh-key' });
    expect(created.body.owner).toBe('admin');
    expect(created.body.webhookSecret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify(created.body)).not.toContain('b3BlbnNzaC1rZXktdjE');
    const stored = await reg.app.db.buildRule.findUniqueOrThrow({ where: { id: created.body.id } });
    expect(stored.credentials).toMatch(/^ssh-key:v1\./);
    expect(stored.credentials).not.toContain('b3BlbnNzaC1rZXktdjE');

    const list = await callApi(reg, rulesRoute.GET, { path: `/api/v1/repositories/${repo}/build-rules`, params: params(repo), as: reg.admin });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].webhookSecret).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain('b3BlbnNzaC1rZXktdjE');

    const patch = (body: unknown) => callApi(reg, ruleRoute.PATCH, { method: 'PATCH', path: `/api/v1/repositories/${repo}/build-rules/${created.body.id}`, params: params(repo, { id: created.body.id }), body, as: reg.admin });
    const kept = await patch({ tagTemplate: 'latest' });
    expect(kept.body).toMatchObject({ tagTemplate: 'latest', source: { hasCredentials: true } });
    expect(kept.body.webhookSecret).toBeUndefined();
    const regenerated = await patch({ regenerateWebhookSecret: true, source: { credentials: null } });
    expect(regenerated.body.source.hasCredentials).toBe(false);
    expect(regenerated.body.webhookSecret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(regenerated.body.webhookSecret).not.toBe(created.body.webhookSecret);

    const duplicate = await create(repo, rule({ name: created.body.name }));
    expect(duplicate.status).toBe(409);
    const audit = await reg.app.db.auditEvent.findMany({ where: { action: 'cr:ManageBuildRule', resource: `repository/${repo}` } });
    expect(audit.map((a) => (a.detail as { op: string }).op).sort()).toEqual(['create', 'update', 'update']);
  });

  it('queues a build on "Build now" (202), lists it, reads its (empty) log, and cancels it', async () => {
    const repo = await newRepo();
    const { body: r } = await create(repo, rule());
    const bad = await run(repo, r.id, { ref: '--upload-pack=touch /tmp/x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].path).toBe('ref');

    const queued = await run(repo, r.id, { ref: 'main' });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: 'queued', ref: 'main', trigger: 'manual', requestedBy: 'admin', ruleName: r.name, commit: null, tags: [] });
    await run(repo, r.id, { ref: 'v1.0.0' });
    const page1 = await callApi(reg, buildsRoute.GET, { path: `/api/v1/repositories/${repo}/builds?limit=1`, params: params(repo), as: reg.admin });
    expect(page1.body.items.map((b: { ref: string }) => b.ref)).toEqual(['v1.0.0']);
    const page2 = await callApi(reg, buildsRoute.GET, { path: `/api/v1/repositories/${repo}/builds?limit=1&cursor=${page1.body.nextCursor}`, params: params(repo), as: reg.admin });
    expect(page2.body).toMatchObject({ items: [{ id: queued.body.id }], nextCursor: null });

    const id = queued.body.id as string;
    const log = await callApi(reg, logRoute.GET, { path: `/api/v1/repositories/${repo}/builds/${id}/log?offset=0`, params: params(repo, { id }), as: reg.admin });
    expect(log.body).toEqual({ offset: 0, nextOffset: 0, text: '', status: 'queued', complete: false, droppedBytes: 0 });
    const negative = await callApi(reg, logRoute.GET, { path: `/api/v1/repositories/${repo}/builds/${id}/log?offset=-1`, params: params(repo, { id }), as: reg.admin });
    expect(negative.status).toBe(400);

    const cancelled = await callApi(reg, cancelRoute.POST, { method: 'POST', path: `/api/v1/repositories/${repo}/builds/${id}/cancel`, params: params(repo, { id }), as: reg.admin });
    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', error: 'cancelled before it started' });
    const after = await callApi(reg, buildRoute.GET, { path: `/api/v1/repositories/${repo}/builds/${id}`, params: params(repo, { id }), as: reg.admin });
    expect(after.body.status).toBe('cancelled');

    const disabled = await callApi(reg, ruleRoute.PATCH, { method: 'PATCH', path: '', params: params(repo, { id: r.id }), body: { enabled: false }, as: reg.admin });
    expect(disabled.body.enabled).toBe(false);
    expect((await run(repo, r.id, { ref: 'main' })).status).toBe(409);
  });

  it('lets repository admins manage rules and run builds; readers and writers are refused; others find nothing', async () => {
    const repo = await newRepo();
    const { body: r } = await create(repo, rule());
    const [stranger, reader, writer, repoAdmin] = await Promise.all([reg.createUser(), reg.createUser(), reg.createUser(), reg.createUser()]);
    await grant(reader, repo, 'READ');
    await grant(writer, repo, 'WRITE');
    await grant(repoAdmin, repo, 'ADMIN');
    const missing = `${repo.split('/')[0]}/${randomName('nothing')}`;

    // Hidden means absent: the same answer as for a repository that does not exist.
    const hidden = await callApi(reg, rulesRoute.GET, { path: '', params: params(repo), as: stranger });
    const absent = await callApi(reg, rulesRoute.GET, { path: '', params: params(missing), as: stranger });
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(absent.body);
    expect((await run(repo, r.id, { ref: 'main' }, stranger)).status).toBe(404);
    expect((await callApi(reg, buildsRoute.GET, { path: '', params: params(repo), as: stranger })).status).toBe(404);

    for (const user of [reader, writer]) {
      expect((await callApi(reg, rulesRoute.GET, { path: '', params: params(repo), as: user })).status).toBe(403);
      expect((await create(repo, rule(), user)).status).toBe(403);
      expect((await run(repo, r.id, { ref: 'main' }, user)).status).toBe(403);
      expect((await callApi(reg, buildsRoute.GET, { path: '', params: params(repo), as: user })).status).toBe(403);
    }

    const own = await create(repo, rule(), repoAdmin);
    expect(own.status).toBe(201);
    expect(own.body.owner).toBe(repoAdmin.username);
    expect((await run(repo, r.id, { ref: 'main' }, repoAdmin)).status).toBe(202);
    // Saving a rule makes the saver its owner: builds then push with their access.
    const saved = await callApi(reg, ruleRoute.PATCH, { method: 'PATCH', path: '', params: params(repo, { id: r.id }), body: { noCache: true }, as: repoAdmin });
    expect(saved.body.owner).toBe(repoAdmin.username);
    // A rule id of another repository is not found through this one.
    const other = await newRepo();
    expect((await run(other, r.id, { ref: 'main' })).status).toBe(404);
  });

  it('answers 404 for a hook to an unknown rule and 401 for an unsigned one', async () => {
    setAppContext(reg.app);
    const post = (ruleId: string, headers: Record<string, string> = {}) =>
      hookRoute.POST(new Request(`${reg.url}/api/v1/build-hooks/${ruleId}`, { method: 'POST', headers, body: '{}' }), { params: Promise.resolve({ ruleId }) });
    expect((await post('not-a-uuid')).status).toBe(404);
    expect((await post('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const repo = await newRepo();
    const { body: r } = await create(repo, rule());
    const unsigned = await post(r.id, { 'x-github-event': 'push' });
    expect(unsigned.status).toBe(401);
    expect((await unsigned.json()).error.message).toMatch(/no signature/);
  });
});

describe('OpenAPI', () => {
  it('documents every build route with its action', async () => {
    const { GET } = await import('@/app/api/v1/openapi.json/route');
    const doc = await (GET() as Response).json();
    const repo = '/api/v1/repositories/{namespace}/{repository}';
    expect(Object.keys(doc.paths[`${repo}/build-rules`]).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths[`${repo}/build-rules/{id}`]).sort()).toEqual(['delete', 'get', 'patch']);
    expect(doc.paths[`${repo}/build-rules/{id}/run`].post.description).toContain('cr:RunBuild');
    expect(doc.paths[`${repo}/builds`].get).toBeTruthy();
    expect(doc.paths[`${repo}/builds/{id}`].get.responses['200'].content['application/json'].schema.properties.digest).toBeTruthy();
    expect(doc.paths[`${repo}/builds/{id}/log`].get.parameters.map((p: { name: string }) => p.name)).toContain('offset');
    expect(doc.paths[`${repo}/builds/{id}/cancel`].post).toBeTruthy();
    expect(doc.paths['/api/v1/build-hooks/{ruleId}'].post.responses['202']).toBeTruthy();
    expect(doc.paths[`${repo}/build-rules`].post.requestBody.content['application/json'].schema.properties.tagTemplate).toBeTruthy();
  });
});
