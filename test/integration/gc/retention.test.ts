// Retention rules through the API: Harbor's semantics on real tags, a dry run that lists and keeps, a run that
// removes like a user's delete (audited, tag.deleted events), immutable tags kept, the rules' own validation.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as nsRulesRoute from '@/app/api/v1/namespaces/[namespace]/retention-rules/route';
import * as nsRunRoute from '@/app/api/v1/namespaces/[namespace]/retention-rules/run/route';
import * as nsImmutableRoute from '@/app/api/v1/namespaces/[namespace]/immutability-rules/route';
import * as repoRulesRoute from '@/app/api/v1/repositories/[namespace]/[repository]/retention-rules/route';
import * as repoRuleRoute from '@/app/api/v1/repositories/[namespace]/[repository]/retention-rules/[id]/route';
import * as repoRunRoute from '@/app/api/v1/repositories/[namespace]/[repository]/retention-rules/run/route';
import { scheduledRetention } from '@/lib/services/retention/run-retention';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';
import { collect, pushImage } from './support';

const reg = useTestRegistry();
const c = useAdminClient(reg);

const DAY = 86_400_000;

/** Pushes tags to `repo` and backdates each by the given number of days. */
async function seed(repo: string, ages: Record<string, number>) {
  const repository = { id: '' };
  for (const [tag, days] of Object.entries(ages)) {
    await pushImage(c, repo, tag, [randomBytes(100)]);
    const row = await reg.app.db.repository.findUniqueOrThrow({ where: { name: repo } });
    repository.id = row.id;
    await reg.app.db.tag.update({ where: { repositoryId_name: { repositoryId: row.id, name: tag } }, data: { pushedAt: new Date(Date.now() - days * DAY) } });
  }
  return repository.id;
}
const tagsOf = async (repositoryId: string) => (await reg.app.db.tag.findMany({ where: { repositoryId }, orderBy: { name: 'asc' } })).map((t) => t.name);

describe('retention rules', () => {
  it('keeps what any rule keeps and removes the rest; a dry run lists the same and removes nothing', async () => {
    const ns = randomName('ns');
    const repoId = await seed(`${ns}/app`, { 'v1.0': 300, 'v2.0': 200, 'nightly-1': 100, 'nightly-2': 50, 'nightly-3': 2, protected: 400 });
    const rule = (body: object) => callApi(reg, nsRulesRoute.POST, { method: 'POST', path: '/x', params: { namespace: ns }, as: reg.admin, body });
    expect((await rule({ name: 'recent', keepNewest: 2 })).status).toBe(201);
    const repoRule = await callApi(reg, repoRulesRoute.POST, { method: 'POST', path: '/x', params: { namespace: ns, repository: 'app' }, as: reg.admin, body: { name: 'releases', keepMatching: '^v.*' } });
    expect(repoRule.status).toBe(201);
    expect((await callApi(reg, nsImmutableRoute.POST, { method: 'POST', path: '/x', params: { namespace: ns }, as: reg.admin, body: { name: 'frozen', pattern: 'protected' } })).status).toBe(201);

    const dry = await callApi(reg, repoRunRoute.POST, { method: 'POST', path: '/x', params: { namespace: ns, repository: 'app' }, as: reg.admin, body: { dryRun: true } });
    expect(dry.status).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.removed.map((r: { tag: string }) => r.tag)).toEqual(['nightly-1']);
    expect(dry.body.removed[0]).toMatchObject({ repository: `${ns}/app`, reason: 'no rule keeps it (pushed 100 days ago, never pulled)' });
    expect(await tagsOf(repoId)).toHaveLength(6);

    const run = await callApi(reg, nsRunRoute.POST, { method: 'POST', path: '/x', params: { namespace: ns }, as: reg.admin, body: {} });
    expect(run.body).toEqual({ dryRun: false, removed: dry.body.removed });
    expect(await tagsOf(repoId)).toEqual(['nightly-2', 'nightly-3', 'protected', 'v1.0', 'v2.0']);
    const events = await reg.app.db.webhookEvent.findMany({ where: { repositoryId: repoId, type: 'tag.deleted' } });
    expect(events.map((e) => [e.tag, e.operator])).toEqual([['nightly-1', 'admin']]);
    const audit = await reg.app.db.auditEvent.findFirst({ where: { action: 'cr:DeleteTag', resource: `repository/${ns}/app`, namespace: ns } });
    expect(audit?.detail).toMatchObject({ reference: 'nightly-1', retention: dry.body.removed[0].reason });

    // The removed tag's image is untagged now: the next collection frees it.
    const gc = await collect(reg.app, { deleteUntagged: true });
    expect(gc.manifestsDeleted).toBeGreaterThanOrEqual(1);
  });

  it('the daily run applies every namespace rule, naming "retention" as the operator', async () => {
    const ns = randomName('ns');
    const repoId = await seed(`${ns}/svc`, { a: 40, b: 20, c: 1 });
    await callApi(reg, nsRulesRoute.POST, { method: 'POST', path: '/x', params: { namespace: ns }, as: reg.admin, body: { name: 'old', removeOlderThanDays: 30 } });
    await scheduledRetention(reg.app);
    expect(await tagsOf(repoId)).toEqual(['b', 'c']);
    const events = await reg.app.db.webhookEvent.findMany({ where: { repositoryId: repoId, type: 'tag.deleted' } });
    expect(events.map((e) => [e.tag, e.operator])).toEqual([['a', 'retention']]);
  });

  it('validates rules, updates and deletes them, and hides them from strangers', async () => {
    const ns = randomName('ns');
    await seed(`${ns}/app`, { x: 0 });
    const post = (body: object, as = reg.admin) => callApi(reg, repoRulesRoute.POST, { method: 'POST', path: '/x', params: { namespace: ns, repository: 'app' }, as, body });
    for (const body of [{ name: 'two', keepNewest: 1, removeOlderThanDays: 3 }, { name: 'none' }, { name: 'bad', keepMatching: '(' }, { name: 'zero', keepNewest: 0 }]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const created = await post({ name: 'recent', keepNewest: 5 });
    expect(created.body).toMatchObject({ name: 'recent', scope: 'repository', keepNewest: 5 });
    const params = { namespace: ns, repository: 'app', id: created.body.id };
    const patched = await callApi(reg, repoRuleRoute.PATCH, { method: 'PATCH', path: '/x', params, as: reg.admin, body: { removeNotPulledForDays: 30 } });
    expect(patched.body).toMatchObject({ name: 'recent', removeNotPulledForDays: 30 });
    expect(patched.body.keepNewest).toBeUndefined();
    expect((await post({ name: 'recent', keepNewest: 1 })).status).toBe(409);
    const stranger = await reg.createUser();
    expect((await post({ name: 'mine', keepNewest: 1 }, stranger)).status).toBe(404);
    expect((await callApi(reg, repoRunRoute.POST, { method: 'POST', path: '/x', params: { namespace: ns, repository: 'app' }, as: stranger, body: {} })).status).toBe(404);
    expect((await callApi(reg, repoRuleRoute.DELETE, { method: 'DELETE', path: '/x', params, as: reg.admin })).status).toBe(204);
    expect((await callApi(reg, repoRuleRoute.DELETE, { method: 'DELETE', path: '/x', params, as: reg.admin })).status).toBe(404);
  });
});
