// Push to pullable: the time from a source push webhook (GitHub-signed) to the built image's manifest answering on
// /v2, for a small Dockerfile (FROM a busybox image in Berth, COPY a file that changes per commit, RUN a command).
// Berth runs as `npm start` does (server process, embedded Postgres, worker in-process, BERTH_BUILD_CONCURRENCY 1).
// The first build (which pulls the base image into the empty build store) is reported apart from the warm ones.
// Run: npm run bench -- builds. Figures are printed and written to bench/results/builds-<timestamp>.json.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureBuild } from '../scripts/ensure-build';
import { skopeoCopyOk } from '../test/support/clients';
import { buildImage } from '../test/support/images';
import { startBerth, type Berth } from './support/berth';
import { writeResults } from './support/results';

const WARM_ROUNDS = 4;
const REPOSITORY = 'builds/app';
const log = (line: string) => console.log(`[bench] ${line}`);

export async function main() {
  ensureBuild();
  const work = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-builds-'));
  let berth: Berth | undefined;
  try {
    berth = await startBerth();
    const b = berth;
    const killOnExit = () => b.killNow();
    process.on('exit', killOnExit);
    const creds = { username: b.username, password: b.password };
    await api(b, 'POST', '/api/v1/namespaces', { name: 'builds' });
    await api(b, 'POST', '/api/v1/repositories', { namespace: 'builds', name: 'app', visibility: 'private' });
    const base = await buildImage({ dir: path.join(work, 'base'), tag: 'b', layers: [], busybox: true, cmd: ['/bin/sh'] });
    await skopeoCopyOk(base.ref, `docker://${b.host}/builds/base:1`, { creds });

    const src = path.join(work, 'src');
    const env = { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@e', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@e' };
    const git = (...args: string[]) => execFileSync('git', ['-C', src, ...args], { env, encoding: 'utf8' }).trim();
    mkdirSync(src);
    git('init', '-q', '-b', 'main');
    writeFileSync(path.join(src, 'Dockerfile'), `FROM ${b.host}/builds/base:1\nCOPY stamp.txt /stamp.txt\nRUN cat /stamp.txt > /built.txt\n`);
    const rule = (await api(b, 'POST', `/api/v1/repositories/${REPOSITORY}/build-rules`, {
      name: 'main',
      source: { url: `file://${src}` },
      trigger: { kind: 'branch', pattern: 'main' },
      tagTemplate: '{sha:7}',
    })) as { id: string; webhookSecret: string };

    const rounds: { round: string; pushToPullableMs: number; queuedS: number | null; buildS: number | null }[] = [];
    for (let i = 0; i <= WARM_ROUNDS; i++) {
      writeFileSync(path.join(src, 'stamp.txt'), `round ${i} ${Date.now()}\n`);
      git('add', '-A');
      git('commit', '-q', '-m', `round ${i}`);
      const sha = git('rev-parse', 'HEAD');
      const body = JSON.stringify({ ref: 'refs/heads/main', after: sha });
      const t0 = performance.now();
      const res = await fetch(`${b.url}/api/v1/build-hooks/${rule.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-hub-signature-256': `sha256=${createHmac('sha256', rule.webhookSecret).update(body).digest('hex')}` },
        body,
      });
      const hook = (await res.json()) as { build?: { id: string } };
      if (res.status !== 202 || !hook.build) throw new Error(`webhook answered ${res.status}: ${JSON.stringify(hook)}`);
      await waitPullable(b, sha.slice(0, 7), hook.build.id);
      const ms = performance.now() - t0;
      const build = (await api(b, 'GET', `/api/v1/repositories/${REPOSITORY}/builds/${hook.build.id}`)) as { queuedSeconds: number | null; durationSeconds: number | null };
      rounds.push({ round: i === 0 ? 'cold' : `warm ${i}`, pushToPullableMs: Math.round(ms), queuedS: build.queuedSeconds, buildS: build.durationSeconds });
      log(`${rounds[rounds.length - 1]!.round}: ${(ms / 1000).toFixed(2)} s from webhook to pullable (queued ${build.queuedSeconds} s, build ${build.durationSeconds} s)`);
    }
    const warm = rounds.slice(1).map((r) => r.pushToPullableMs).sort((x, y) => x - y);
    const results = {
      benchmark: 'builds',
      startedAt: new Date(performance.timeOrigin).toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryBytes: os.totalmem(), node: process.version, loadAverage: os.loadavg() },
      setup: {
        dockerfile: 'FROM a busybox image in Berth; COPY a file changed by every commit; RUN one command',
        trigger: 'GitHub-signed push webhook for a new commit on main; tag {sha:7}',
        measured: 'from sending the webhook to HEAD /v2/<repo>/manifests/<tag> answering 200',
        storageDriver: 'vfs (the default)',
      },
      rounds,
      warmMedianMs: warm[Math.floor(warm.length / 2)],
    };
    console.table(rounds);
    writeResults('builds', results, log);
    process.removeListener('exit', killOnExit);
    return results;
  } finally {
    await berth?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

async function api(berth: Berth, method: string, p: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${berth.url}${p}`, {
    method,
    headers: { authorization: berth.authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${p}: HTTP ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Polls the manifest every 50 ms with a pull token until the tag answers; fails fast if the build failed. */
async function waitPullable(berth: Berth, tag: string, buildId: string): Promise<void> {
  const tokenRes = await fetch(`${berth.url}/auth/token?service=berth-registry&scope=repository:${REPOSITORY}:pull`, { headers: { authorization: berth.authorization } });
  const { token } = (await tokenRes.json()) as { token: string };
  const deadline = Date.now() + 600_000;
  for (let i = 0; Date.now() < deadline; i++) {
    const res = await fetch(`${berth.url}/v2/${REPOSITORY}/manifests/${tag}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    if (res.status === 200) return;
    if (i % 20 === 0) {
      const build = (await api(berth, 'GET', `/api/v1/repositories/${REPOSITORY}/builds/${buildId}`)) as { status: string; error: string | null };
      if (build.status === 'failed' || build.status === 'cancelled') throw new Error(`build ${buildId} ${build.status}: ${build.error}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${REPOSITORY}:${tag} never became pullable`);
}
