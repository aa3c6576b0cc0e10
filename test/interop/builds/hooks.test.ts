// Source push webhooks: GitHub (X-Hub-Signature-256), GitLab (X-Gitlab-Token) and Gitea (X-Gitea-Signature) pushes,
// signed right and wrong, against tag and branch rules with RE2 patterns; a matching push builds exactly its commit.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cancelRoute from '@/app/api/v1/repositories/[namespace]/[repository]/builds/[id]/cancel/route';
import { callApi } from '../../support/api';
import { skopeoCopyOk, skopeoInspectOk } from '../../support/clients';
import { randomName } from '../../support/database';
import { createGitRepo, createRule, getBuild, postPush, repoParams, startBuildHarness, waitForBuild, type BuildHarness } from './support';

let h: BuildHarness;

beforeAll(async () => {
  h = await startBuildHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('source push webhooks', () => {
  it('verify each host’s signature, ignore pushes the rule does not build (saying why), and build the pushed commit', async () => {
    const repo = `${randomName('ns')}/${randomName('app')}`;
    await skopeoCopyOk(`docker://${h.base}`, `docker://${h.reg.host}/${repo}:seed`, { creds: h.reg.admin });
    const src = await createGitRepo(await mkdtemp(path.join(os.tmpdir(), 'berth-src-')));
    const tagged = await src.commit({ Dockerfile: `FROM ${h.base}\nRUN echo built-from-tag > /which\n` }, 'first');
    await src.git('tag', 'v1.2.3');
    await src.git('checkout', '-q', '-b', 'release/2.0');
    const released = await src.commit({ 'notes.txt': 'two\n' }, 'second');

    const tagRule = await createRule(h, h.reg.admin, repo, { name: 'releases', source: { url: src.url }, trigger: { kind: 'tag', pattern: 'v[0-9]+\\.[0-9]+\\.[0-9]+' }, tagTemplate: '{tag}' });
    const branchRule = await createRule(h, h.reg.admin, repo, { name: 'release-branches', source: { url: src.url }, trigger: { kind: 'branch', pattern: 'release/.*' }, tagTemplate: '{branch}-{sha:7}' });
    expect(tagRule.status).toBe(201);
    expect(branchRule.status).toBe(201);
    const tagSecret = tagRule.body.webhookSecret as string;
    const branchSecret = branchRule.body.webhookSecret as string;
    expect(tagSecret.length).toBeGreaterThanOrEqual(16);
    expect(tagRule.body.webhookPath).toBe(`/api/v1/build-hooks/${tagRule.body.id}`);

    // Built images are pushes like any other: scan on push applies to them (and image.pushed webhooks, below).
    await h.reg.app.db.repository.update({ where: { name: repo }, data: { scanOnPush: true } });

    // Nothing runs while the pushes are checked: builds stay queued.
    await h.stopJobs();

    // Wrong secrets, in each flavour: 401, and nothing queued.
    for (const flavour of ['github', 'gitlab', 'gitea'] as const) {
      const res = await postPush(h, tagRule.body.id, flavour, 'not-the-secret-at-all', { ref: 'refs/tags/v1.2.3', after: tagged });
      expect(res.status, flavour).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHORIZED');
    }
    expect(await h.reg.app.db.build.count({ where: { ruleId: tagRule.body.id } })).toBe(0);

    // Signed right, but not for this rule: 202 with the reason.
    const branchToTagRule = await postPush(h, tagRule.body.id, 'gitlab', tagSecret, { ref: 'refs/heads/main', after: tagged });
    expect(branchToTagRule).toEqual({ status: 202, body: { status: 'ignored', message: 'ignored: a push to branch "main", and the rule builds tags' } });
    const nonMatchingTag = await postPush(h, tagRule.body.id, 'gitea', tagSecret, { ref: 'refs/tags/v1.x', after: tagged });
    expect(nonMatchingTag.body).toEqual({ status: 'ignored', message: 'ignored: tag "v1.x" does not match the pattern "v[0-9]+\\.[0-9]+\\.[0-9]+"' });
    const otherBranch = await postPush(h, branchRule.body.id, 'gitlab', branchSecret, { ref: 'refs/heads/feature', after: released });
    expect(otherBranch.body.status).toBe('ignored');
    const deleted = await postPush(h, branchRule.body.id, 'github', branchSecret, { ref: 'refs/heads/release/2.0', after: '0'.repeat(40) });
    expect(deleted.body).toEqual({ status: 'ignored', message: 'ignored: refs/heads/release/2.0 was deleted' });

    // Matching pushes queue a build of exactly the pushed commit.
    const fromGitea = await postPush(h, branchRule.body.id, 'gitea', branchSecret, { ref: 'refs/heads/release/2.0', after: released });
    expect(fromGitea.status).toBe(202);
    expect(fromGitea.body.build).toMatchObject({ status: 'queued', ref: 'refs/heads/release/2.0', commit: released, trigger: 'webhook', requestedBy: 'gitea push' });
    const fromGithub = await postPush(h, tagRule.body.id, 'github', tagSecret, { ref: 'refs/tags/v1.2.3', after: tagged });
    expect(fromGithub.status).toBe(202);
    expect(fromGithub.body.build).toMatchObject({ status: 'queued', ref: 'refs/tags/v1.2.3', commit: tagged, requestedBy: 'github push' });

    // A queued build cancelled before it starts never runs.
    const branchBuildId = fromGitea.body.build.id as string;
    const cancel = await callApi(h.reg, cancelRoute.POST, { method: 'POST', path: `/api/v1/repositories/${repo}/builds/${branchBuildId}/cancel`, params: { ...repoParams(repo), id: branchBuildId }, as: h.reg.admin });
    expect(cancel.body.status).toBe('cancelled');

    await h.startJobs();
    const { build, log } = await waitForBuild(h, repo, fromGithub.body.build.id);
    expect(build, log).toMatchObject({ status: 'succeeded', commit: tagged, tags: ['v1.2.3'] });
    const inspected = await skopeoInspectOk<{ Digest: string }>(`docker://${h.reg.host}/${repo}:v1.2.3`, { creds: h.reg.admin });
    expect(inspected.Digest).toBe(build.digest);
    const pushed = await h.reg.app.db.webhookEvent.findFirst({ where: { repositoryName: repo, tag: 'v1.2.3', type: 'image.pushed' } });
    expect(pushed).toMatchObject({ digest: build.digest, operator: 'admin' });
    const repository = await h.reg.app.db.repository.findUniqueOrThrow({ where: { name: repo } });
    expect(await h.reg.app.db.scan.count({ where: { repositoryId: repository.id, manifestDigest: build.digest } })).toBe(1);
    const branchBuild = (await getBuild(h, h.reg.admin, repo, branchBuildId)).body;
    expect(branchBuild).toMatchObject({ status: 'cancelled', startedAt: null });

    // The GitLab flavour of a matching tag push, with its own token header.
    await h.stopJobs();
    const fromGitlab = await postPush(h, tagRule.body.id, 'gitlab', tagSecret, { ref: 'refs/tags/v1.2.3', after: tagged });
    expect(fromGitlab.body.build).toMatchObject({ status: 'queued', commit: tagged, requestedBy: 'gitlab push' });
    const gitlabBuildId = fromGitlab.body.build.id as string;
    const cancelled = await callApi(h.reg, cancelRoute.POST, { method: 'POST', path: `/api/v1/repositories/${repo}/builds/${gitlabBuildId}/cancel`, params: { ...repoParams(repo), id: gitlabBuildId }, as: h.reg.admin });
    expect(cancelled.body.status).toBe('cancelled');
    await h.startJobs();
  });
});
