// Deleting a repository or a namespace deletes its tags: one an immutability rule protects makes the delete refused
// the way the tag's own delete is (403, the tag and the rule named), and nothing is deleted.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import * as nsRulesRoute from '@/app/api/v1/namespaces/[namespace]/immutability-rules/route';
import * as nsRuleRoute from '@/app/api/v1/namespaces/[namespace]/immutability-rules/[id]/route';
import * as namespaceRoute from '@/app/api/v1/namespaces/[namespace]/route';
import * as repoRulesRoute from '@/app/api/v1/repositories/[namespace]/[repository]/immutability-rules/route';
import * as repositoryRoute from '@/app/api/v1/repositories/[namespace]/[repository]/route';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';
import { pullProblems, pushImage } from './support';

const reg = useTestRegistry();
const c = useAdminClient(reg);

const deleteRepository = (ns: string, repo: string) =>
  callApi(reg, repositoryRoute.DELETE, { method: 'DELETE', path: `/api/v1/repositories/${ns}/${repo}`, params: { namespace: ns, repository: repo }, as: reg.admin });
const deleteNamespace = (ns: string) =>
  callApi(reg, namespaceRoute.DELETE, { method: 'DELETE', path: `/api/v1/namespaces/${ns}?confirm=${ns}`, params: { namespace: ns }, as: reg.admin });
const repositoryExists = async (name: string) => (await reg.app.db.repository.count({ where: { name } })) === 1;

it('refuses to delete a repository holding an immutable tag, naming the tag and the rule; other repositories go', async () => {
  const ns = randomName('ns');
  const release = await pushImage(c, `${ns}/app`, 'v1.2', [randomBytes(64)]);
  await pushImage(c, `${ns}/scratch`, 'latest', [randomBytes(64)]);
  const rule = await callApi(reg, nsRulesRoute.POST, { method: 'POST', path: '/x', params: { namespace: ns }, as: reg.admin, body: { name: 'releases', pattern: 'v[0-9].*' } });
  expect(rule.status).toBe(201);

  const refused = await deleteRepository(ns, 'app');
  expect(refused.status).toBe(403);
  expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: `cannot delete ${ns}/app: tag "v1.2" is immutable (rule "releases")` });
  expect(await repositoryExists(`${ns}/app`)).toBe(true);
  expect(await pullProblems(c, release)).toEqual([]);
  // A repository whose tags no rule protects is deleted as before.
  expect((await deleteRepository(ns, 'scratch')).status).toBe(204);
  expect(await repositoryExists(`${ns}/scratch`)).toBe(false);

  // Without the rule, the repository goes.
  const del = await callApi(reg, nsRuleRoute.DELETE, { method: 'DELETE', path: '/x', params: { namespace: ns, id: rule.body.id }, as: reg.admin });
  expect(del.status).toBe(204);
  expect((await deleteRepository(ns, 'app')).status).toBe(204);
  expect(await repositoryExists(`${ns}/app`)).toBe(false);
});

it('refuses to delete a namespace when any repository holds an immutable tag, by a repository rule too', async () => {
  const ns = randomName('ns');
  await pushImage(c, `${ns}/a`, 'stable', [randomBytes(32)]);
  await pushImage(c, `${ns}/b`, 'stable', [randomBytes(32)]);
  const rule = await callApi(reg, repoRulesRoute.POST, { method: 'POST', path: '/x', params: { namespace: ns, repository: 'b' }, as: reg.admin, body: { name: 'pinned', pattern: 'stable' } });
  expect(rule.status).toBe(201);
  // The rule is b's own: a's "stable" is not protected.
  const refused = await deleteNamespace(ns);
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toBe(`cannot delete ${ns}/b: tag "stable" is immutable (rule "pinned")`);
  expect(await repositoryExists(`${ns}/a`)).toBe(true);
  expect(await repositoryExists(`${ns}/b`)).toBe(true);
  expect((await deleteRepository(ns, 'a')).status).toBe(204);

  await reg.app.db.tag.deleteMany({ where: { repository: { name: `${ns}/b` } } });
  expect((await deleteNamespace(ns)).status).toBe(204);
  expect(await reg.app.db.namespace.count({ where: { name: ns } })).toBe(0);
});
