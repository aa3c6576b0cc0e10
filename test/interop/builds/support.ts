// Shared by the build tests: a registry with a job worker that builds, a busybox base image in it, Git
// repositories made on disk (file:// sources), and API shortcuts.
import { createHmac } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as rulesRoute from '@/app/api/v1/repositories/[namespace]/[repository]/build-rules/route';
import * as runRoute from '@/app/api/v1/repositories/[namespace]/[repository]/build-rules/[id]/run/route';
import * as buildRoute from '@/app/api/v1/repositories/[namespace]/[repository]/builds/[id]/route';
import * as logRoute from '@/app/api/v1/repositories/[namespace]/[repository]/builds/[id]/log/route';
import * as hookRoute from '@/app/api/v1/build-hooks/[ruleId]/route';
import { callApi } from '../../support/api';
import { skopeoCopyOk } from '../../support/clients';
import { randomName } from '../../support/database';
import { buildImage } from '../../support/images';
import { startTestRegistry, type TestRegistry, type TestUser } from '../../support/registry';
import { testWorker, type TestWorker } from '../../support/test-worker';
import { requireTool, runOk } from '../../support/tools';

export interface BuildHarness extends TestWorker {
  reg: TestRegistry;
  dir: string;
  /** `HOST/ns/base:1`: a busybox image in Berth that Dockerfiles start FROM. */
  base: string;
  stop(): Promise<void>;
}

export async function startBuildHarness(): Promise<BuildHarness> {
  requireTool('buildah');
  requireTool('git');
  const reg = await startTestRegistry({ jobPollSeconds: 0.5 });
  // The server listens on a port chosen at start; builds reach it there.
  reg.app.config.builds = { ...reg.app.config.builds, registryAddress: reg.host, timeoutSeconds: 240 };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-builds-'));
  const baseRepo = `${randomName('base')}/busybox`;
  const image = await buildImage({ dir: path.join(dir, 'base'), tag: 'b', layers: [], busybox: true, cmd: ['/bin/sh'] });
  await skopeoCopyOk(image.ref, `docker://${reg.host}/${baseRepo}:1`, { creds: reg.admin });
  const h: BuildHarness = Object.assign(testWorker(reg), {
    reg,
    dir,
    base: `${reg.host}/${baseRepo}:1`,
    async stop() {
      await h.stopJobs();
      await reg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  });
  await h.startJobs();
  return h;
}

const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', HOME: os.tmpdir() };

/** A Git repository on disk: `commit` writes files and commits them on the current branch; returns the commit id. */
export async function createGitRepo(dir: string) {
  await mkdir(dir, { recursive: true });
  const git = async (...args: string[]) => (await runOk('git', ['-C', dir, ...args], { env: { ...process.env, ...GIT_ENV } })).stdout.trim();
  await git('init', '-q', '-b', 'main');
  return {
    url: `file://${dir}`,
    git,
    async commit(files: Record<string, string>, message = 'change'): Promise<string> {
      for (const [name, content] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
        await writeFile(path.join(dir, name), content);
      }
      await git('add', '-A');
      await git('commit', '-q', '-m', message);
      return git('rev-parse', 'HEAD');
    },
  };
}

export function repoParams(repo: string) {
  const i = repo.indexOf('/');
  return { namespace: repo.slice(0, i), repository: repo.slice(i + 1) };
}

export async function createRule(h: BuildHarness, as: TestUser, repo: string, body: Record<string, unknown>) {
  return callApi(h.reg, rulesRoute.POST, { method: 'POST', path: `/api/v1/repositories/${repo}/build-rules`, params: repoParams(repo), body, as });
}

export async function runRule(h: BuildHarness, as: TestUser, repo: string, ruleId: string, ref: string) {
  return callApi(h.reg, runRoute.POST, { method: 'POST', path: `/api/v1/repositories/${repo}/build-rules/${ruleId}/run`, params: { ...repoParams(repo), id: ruleId }, body: { ref }, as });
}

export async function getBuild(h: BuildHarness, as: TestUser, repo: string, id: string) {
  return callApi(h.reg, buildRoute.GET, { path: `/api/v1/repositories/${repo}/builds/${id}`, params: { ...repoParams(repo), id }, as });
}

export async function readLog(h: BuildHarness, as: TestUser, repo: string, id: string, offset = 0) {
  return callApi(h.reg, logRoute.GET, { path: `/api/v1/repositories/${repo}/builds/${id}/log?offset=${offset}`, params: { ...repoParams(repo), id }, as });
}

/** Polls a build until it has finished; returns it and its whole log. */
export async function waitForBuild(h: BuildHarness, repo: string, id: string, until: (status: string) => boolean = (s) => s !== 'queued' && s !== 'running') {
  for (let i = 0; i < 600; i++) {
    const res = await getBuild(h, h.reg.admin, repo, id);
    if (until(res.body.status)) return { build: res.body, log: (await readLog(h, h.reg.admin, repo, id)).body.text as string };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`build ${id} did not reach the awaited state`);
}

export type Flavour = 'github' | 'gitlab' | 'gitea';

/** Posts a push event as a Git host would; `secret` signs it (a wrong one makes a bad signature). */
export async function postPush(h: BuildHarness, ruleId: string, flavour: Flavour, secret: string, push: { ref: string; after: string }) {
  const body = JSON.stringify({ ref: push.ref, before: '0'.repeat(40), after: push.after, checkout_sha: flavour === 'gitlab' ? push.after : undefined, repository: { name: 'app' } });
  const hmac = createHmac('sha256', secret).update(body).digest('hex');
  const headers: Record<string, string> = {
    github: { 'x-github-event': 'push', 'x-hub-signature-256': `sha256=${hmac}` },
    gitlab: { 'x-gitlab-event': push.ref.startsWith('refs/tags/') ? 'Tag Push Hook' : 'Push Hook', 'x-gitlab-token': secret },
    gitea: { 'x-gitea-event': 'push', 'x-gitea-signature': hmac },
  }[flavour] as Record<string, string>;
  const req = new Request(`${h.reg.url}/api/v1/build-hooks/${ruleId}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const { setAppContext } = await import('@/lib/server/app-context-global');
  setAppContext(h.reg.app);
  const res = await hookRoute.POST(req, { params: Promise.resolve({ ruleId }) });
  return { status: res.status, body: await res.json() };
}
