// Real builds with buildah from Git repositories the test makes: FROM an image in Berth, multi-stage, build args, a
// custom Dockerfile name and directory, the layer cache and "no cache", a failing RUN. Few builds, each proving
// several things: the machine is shared and builds are CPU-bound.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as rulePatchRoute from '@/app/api/v1/repositories/[namespace]/[repository]/build-rules/[id]/route';
import { callApi } from '../../support/api';
import { skopeoCopyOk, skopeoInspectOk } from '../../support/clients';
import { randomName } from '../../support/database';
import { runOk } from '../../support/tools';
import { createGitRepo, createRule, repoParams, runRule, startBuildHarness, waitForBuild, type BuildHarness } from './support';

let h: BuildHarness;

beforeAll(async () => {
  h = await startBuildHarness();
});
afterAll(async () => {
  await h?.stop();
});

/** The content of `file` in the image `ref` (searched in its layers, top layer first). */
async function fileInImage(ref: string, file: string): Promise<string> {
  const out = await mkdtemp(path.join(h.dir, 'pull-'));
  await skopeoCopyOk(`docker://${ref}`, `dir:${out}`, { creds: h.reg.admin });
  const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { layers: { digest: string }[] };
  for (const layer of [...manifest.layers].reverse()) {
    const blob = path.join(out, layer.digest.replace(/^sha256:/, ''));
    const list = (await runOk('tar', ['-tzf', blob])).stdout.split('\n');
    if (list.includes(file) || list.includes(`./${file}`)) return (await runOk('tar', ['-xzOf', blob, list.includes(file) ? file : `./${file}`])).stdout;
  }
  throw new Error(`${file} is in no layer of ${ref} (${(await readdir(out)).length} files pulled)`);
}

describe('builds with buildah', () => {
  it('builds a multi-stage Dockerfile FROM an image in Berth, with build args, a custom file name and directory; pushes every tag; caches layers unless told not to', async () => {
    const repo = `${randomName('ns')}/${randomName('app')}`;
    await skopeoCopyOk(`docker://${h.base}`, `docker://${h.reg.host}/${repo}:seed`, { creds: h.reg.admin }); // the repository exists
    const src = await createGitRepo(await mkdtemp(path.join(os.tmpdir(), 'berth-src-')));
    const commit = await src.commit({
      'deploy/docker/Containerfile.prod': [
        `FROM ${h.base} AS builder`,
        'ARG GREETING=unset',
        'RUN echo "built with $GREETING" > /out.txt && echo "marker-step-ran-$GREETING" && sleep 1',
        `FROM ${h.base}`,
        'COPY --from=builder /out.txt /out.txt',
        'COPY hello.txt /hello.txt',
        '',
      ].join('\n'),
      'deploy/docker/hello.txt': 'hello from git\n',
    });

    const created = await createRule(h, h.reg.admin, repo, {
      name: 'main',
      source: { url: src.url, credentials: { kind: 'token', token: 'never-shown-token-123' } },
      trigger: { kind: 'branch', pattern: 'main' },
      dockerfileDir: 'deploy/docker',
      dockerfileName: 'Containerfile.prod',
      tagTemplate: 'latest, {branch}-{sha:7}',
      buildArgs: { GREETING: 'from-args' },
      noCache: false,
    });
    expect(created.status).toBe(201);
    expect(JSON.stringify(created.body)).not.toContain('never-shown-token-123');
    const ruleId = created.body.id as string;

    const first = await runRule(h, h.reg.admin, repo, ruleId, 'main');
    expect(first.status).toBe(202);
    expect(first.body.status).toBe('queued');
    const one = await waitForBuild(h, repo, first.body.id);
    expect(one.build, one.log).toMatchObject({ status: 'succeeded', commit, tags: ['latest', `main-${commit.slice(0, 7)}`], error: null });
    expect(one.build.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(one.log).toContain('marker-step-ran-from-args');
    expect(one.log).not.toContain('never-shown-token-123');
    // Pushed under both tags, pullable, and built as written.
    for (const tag of one.build.tags) {
      const inspected = await skopeoInspectOk<{ Digest: string }>(`docker://${h.reg.host}/${repo}:${tag}`, { creds: h.reg.admin });
      expect(inspected.Digest).toBe(one.build.digest);
    }
    expect(await fileInImage(`${h.reg.host}/${repo}:latest`, 'out.txt')).toBe('built with from-args\n');
    expect(await fileInImage(`${h.reg.host}/${repo}:latest`, 'hello.txt')).toBe('hello from git\n');

    // The same commit again: the RUN step comes from the layer cache.
    const second = await waitForBuild(h, repo, (await runRule(h, h.reg.admin, repo, ruleId, 'main')).body.id);
    expect(second.build.status, second.log).toBe('succeeded');
    expect(second.log).toMatch(/Using cache/);
    expect(second.log).not.toContain('marker-step-ran-from-args');

    // "No cache": every step runs again.
    const patched = await callApi(h.reg, rulePatchRoute.PATCH, { method: 'PATCH', path: `/api/v1/repositories/${repo}/build-rules/${ruleId}`, params: { ...repoParams(repo), id: ruleId }, body: { noCache: true }, as: h.reg.admin });
    expect(patched.status).toBe(200);
    const third = await waitForBuild(h, repo, (await runRule(h, h.reg.admin, repo, ruleId, 'main')).body.id);
    expect(third.build.status, third.log).toBe('succeeded');
    expect(third.log).not.toMatch(/Using cache/);
    expect(third.log).toContain('marker-step-ran-from-args');

    // A commit has no branch, so {branch} has no value: the build fails before building, rather than push a
    // surprising tag.
    const byCommit = await waitForBuild(h, repo, (await runRule(h, h.reg.admin, repo, ruleId, commit)).body.id);
    expect(byCommit.build).toMatchObject({ status: 'failed', commit, error: 'tag template "latest, {branch}-{sha:7}": {branch} has no value for this ref' });

    // Nothing is left behind: no work directory, no built image.
    expect(await readdir(path.join(h.reg.app.config.dataDir, 'builds', 'work')).catch(() => [])).toEqual([]);
  });

  it('a failing RUN fails the build with the failing step in the log and the error', async () => {
    const repo = `${randomName('ns')}/${randomName('app')}`;
    await skopeoCopyOk(`docker://${h.base}`, `docker://${h.reg.host}/${repo}:seed`, { creds: h.reg.admin });
    const src = await createGitRepo(await mkdtemp(path.join(os.tmpdir(), 'berth-src-')));
    await src.commit({ Dockerfile: `FROM ${h.base}\nRUN echo about-to-fail && sleep 1 && exit 3\nRUN echo never-reached\n` });
    const rule = await createRule(h, h.reg.admin, repo, { name: 'fails', source: { url: src.url }, trigger: { kind: 'branch', pattern: 'main' }, tagTemplate: 'latest' });
    const { build, log } = await waitForBuild(h, repo, (await runRule(h, h.reg.admin, repo, rule.body.id, 'main')).body.id);
    expect(build.status).toBe('failed');
    expect(build.error).toMatch(/the build failed/);
    expect(log).toContain('about-to-fail');
    expect(log).toMatch(/RUN echo about-to-fail && sleep 1 && exit 3/);
    expect(log).not.toContain('never-reached');
    expect(build.tags).toEqual([]);
  });
});
