// Stopping builds: a cancel kills buildah's whole process tree; a worker killed mid-build leaves the build failed as
// "interrupted" (found by the sweeper of the next worker), not running forever. Logs are readable while running.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as cancelRoute from '@/app/api/v1/repositories/[namespace]/[repository]/builds/[id]/cancel/route';
import { callApi } from '../../support/api';
import { skopeoCopyOk } from '../../support/clients';
import { randomName } from '../../support/database';
import { run } from '../../support/tools';
import { createGitRepo, createRule, readLog, repoParams, runRule, startBuildHarness, waitForBuild, type BuildHarness } from './support';

let h: BuildHarness;

beforeAll(async () => {
  h = await startBuildHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function sleepyRule(seconds: number) {
  const repo = `${randomName('ns')}/${randomName('app')}`;
  await skopeoCopyOk(`docker://${h.base}`, `docker://${h.reg.host}/${repo}:seed`, { creds: h.reg.admin });
  const src = await createGitRepo(await mkdtemp(path.join(os.tmpdir(), 'berth-src-')));
  await src.commit({ Dockerfile: `FROM ${h.base}\nRUN echo started-$((40+2))-sleeping && sleep ${seconds}\n` });
  const rule = await createRule(h, h.reg.admin, repo, { name: 'sleepy', source: { url: src.url }, trigger: { kind: 'branch', pattern: 'main' }, tagTemplate: 'latest' });
  expect(rule.status).toBe(201);
  return { repo, ruleId: rule.body.id as string };
}

/** Follows the log from offset 0 as a client would, until `text` shows up; returns the offsets it went through. */
async function followUntil(repo: string, id: string, text: string): Promise<number[]> {
  const offsets = [0];
  let seen = '';
  for (let i = 0; i < 600; i++) {
    const res = await readLog(h, h.reg.admin, repo, id, offsets[offsets.length - 1]);
    expect(res.status).toBe(200);
    seen += res.body.text;
    if (res.body.nextOffset !== offsets[offsets.length - 1]) offsets.push(res.body.nextOffset);
    if (seen.includes(text)) {
      expect(res.body.complete).toBe(false);
      return offsets;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`"${text}" never appeared in the log of ${id}:\n${seen}`);
}

async function sleepRunning(seconds: number): Promise<boolean> {
  const res = await run('pgrep', ['-f', `sleep ${seconds}`]);
  return res.code === 0;
}

describe('stopping builds', () => {
  it('a running build can be followed in its log, and cancelled: buildah and the RUN step are killed, nothing is left', async () => {
    const { repo, ruleId } = await sleepyRule(987);
    const queued = await runRule(h, h.reg.admin, repo, ruleId, 'main');
    const offsets = await followUntil(repo, queued.body.id, 'started-42-sleeping');
    expect(offsets.length).toBeGreaterThan(1);
    expect(await sleepRunning(987)).toBe(true);

    const cancelled = await callApi(h.reg, cancelRoute.POST, { method: 'POST', path: `/api/v1/repositories/${repo}/builds/${queued.body.id}/cancel`, params: { ...repoParams(repo), id: queued.body.id }, as: h.reg.admin });
    expect(cancelled.status).toBe(202);
    const { build, log } = await waitForBuild(h, repo, queued.body.id);
    expect(build).toMatchObject({ status: 'cancelled', error: 'cancelled', tags: [] });
    expect(log).toContain('build cancelled');
    expect(await sleepRunning(987)).toBe(false);
    expect(await readdir(path.join(h.reg.app.config.dataDir, 'builds', 'work'))).toEqual([]);
  });

  it('a worker killed mid-build leaves the build failed as interrupted, not running', async () => {
    const { repo, ruleId } = await sleepyRule(988);
    await h.stopJobs();
    const worker: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'worker-process.ts')], {
      env: { ...process.env, DATABASE_URL: h.reg.app.config.databaseUrl, BERTH_DATA_DIR: h.reg.dataDir, BERTH_BUILD_REGISTRY: h.reg.host, BERTH_JOB_POLL_SECONDS: '0.5' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        worker.stdout!.on('data', (d: Buffer) => d.toString().includes('worker ready') && resolve());
        worker.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
      });
      const queued = await runRule(h, h.reg.admin, repo, ruleId, 'main');
      await followUntil(repo, queued.body.id, 'started-42-sleeping');
      worker.kill('SIGKILL');
      await new Promise((r) => worker.once('exit', r));

      await h.startJobs(); // the next worker: its sweeper finds the build without a heartbeat
      const { build } = await waitForBuild(h, repo, queued.body.id);
      expect(build.status).toBe('failed');
      expect(build.error).toMatch(/^interrupted/);
      expect(build.finishedAt).not.toBeNull();
      // buildah died with its worker (setpriv --pdeathsig), and the RUN step with it.
      expect(await sleepRunning(988)).toBe(false);
      expect(await readdir(path.join(h.reg.app.config.dataDir, 'builds', 'work'))).toEqual([]);
    } finally {
      worker.kill('SIGKILL');
      await h.startJobs();
    }
  });

  it('a build past BERTH_BUILD_TIMEOUT_SECONDS is stopped and failed, its processes killed', async () => {
    const { repo, ruleId } = await sleepyRule(989);
    const before = h.reg.app.config.builds.timeoutSeconds;
    h.reg.app.config.builds = { ...h.reg.app.config.builds, timeoutSeconds: 10 };
    try {
      const queued = await runRule(h, h.reg.admin, repo, ruleId, 'main');
      const { build } = await waitForBuild(h, repo, queued.body.id);
      expect(build).toMatchObject({ status: 'failed', error: 'timed out after 10 s', tags: [] });
      expect(await sleepRunning(989)).toBe(false);
    } finally {
      h.reg.app.config.builds = { ...h.reg.app.config.builds, timeoutSeconds: before };
    }
  });
});
