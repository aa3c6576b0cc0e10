import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { renderTags } from '@/lib/builds/tag-template';
import { secretMasker } from '@/lib/builds/mask-secrets';
import type { SourceCredentials } from '@/lib/schemas/builds';
import type { AppContext } from '@/lib/services/context';
import { BuildLogWriter } from './build-log-writer';
import { writeBuildRegistryAuth } from './build-registry-auth';
import { buildArgsOf } from './build-rule-dto';
import { BuildStepError, fetchSource, gitEnv, resolveBuildFiles } from './build-steps';
import { buildImage, pushImage, removeImage, type BuildahStore } from './buildah-steps';
import { ProcessStopped } from './run-process';
import { openCredentials } from './seal-credentials';

const HEARTBEAT_MS = 1000;

/** Where builds keep their buildah store and work directories. */
export function buildsDir(app: AppContext): string {
  return path.join(app.config.dataDir, 'builds');
}

/**
 * Runs a queued build to its end: fetch the source, build with buildah, push every tag as the rule's owner, and
 * record the outcome. Whatever the outcome, the work directory and the built image are removed. While it runs, a
 * heartbeat every second tells the sweeper it is alive and picks up a cancel request.
 */
export async function executeBuild(app: AppContext, buildId: string): Promise<void> {
  const startedAt = new Date();
  const claimed = await app.db.build.updateMany({ where: { id: buildId, status: 'queued' }, data: { status: 'running', startedAt, heartbeatAt: startedAt } });
  if (claimed.count === 0) return; // cancelled while queued, or already run
  const build = await app.db.build.findUniqueOrThrow({
    where: { id: buildId },
    select: { ref: true, commit: true, repository: { select: { name: true } }, rule: { include: { owner: { select: { id: true, username: true, disabled: true } } } } },
  });
  const workDir = path.join(buildsDir(app), 'work', buildId);
  const controller = new AbortController();
  const secrets: string[] = [];
  const log = new BuildLogWriter(app, buildId, (line) => secretMasker(secrets)(line));
  const ctx = { workDir, log: (l: string) => log.line(l), signal: controller.signal };
  const store: BuildahStore = {
    root: path.join(buildsDir(app), 'storage', 'root'),
    runroot: path.join(buildsDir(app), 'storage', 'runroot'),
    driver: app.config.builds.storageDriver,
    authFile: path.join(workDir, 'auth.json'),
    registriesConf: path.join(workDir, 'registries.conf'),
  };
  const image = `localhost/berth-build:${buildId}`;
  const timeout = setTimeout(() => controller.abort(new ProcessStopped('timeout')), app.config.builds.timeoutSeconds * 1000);
  const heartbeat = setInterval(() => {
    void log.flush();
    app.db.build
      .update({ where: { id: buildId }, data: { heartbeatAt: new Date() }, select: { cancelRequested: true } })
      .then((b) => b.cancelRequested && controller.abort(new ProcessStopped('cancelled')))
      .catch(() => undefined);
  }, HEARTBEAT_MS);
  let revoke: (() => Promise<void>) | null = null;
  let outcome: { status: 'succeeded' | 'failed' | 'cancelled'; error?: string; tags?: string[]; digest?: string; commit?: string };
  try {
    const rule = build.rule;
    if (!rule) throw new BuildStepError('the build rule was deleted');
    if (!rule.owner || rule.owner.disabled) throw new BuildStepError('the build rule has no active owner; save the rule again to own it');
    await mkdir(path.join(workDir, 'tmp'), { recursive: true, mode: 0o700 });
    let credentials: SourceCredentials | null = null;
    if (rule.credentials) {
      try {
        credentials = await openCredentials(app, rule.credentials);
      } catch {
        throw new BuildStepError('the stored source credentials cannot be read (was the build secret changed?); enter them again');
      }
    }
    const git = await gitEnv(ctx, credentials);
    secrets.push(...git.secrets);
    log.line(`build ${buildId}: rule "${rule.name}", ${build.ref}${build.commit ? ` at ${build.commit}` : ''}, for ${build.repository.name}`);
    const source = await fetchSource(ctx, { url: rule.sourceUrl, ref: build.ref, commit: build.commit, env: git.env });
    await app.db.build.update({ where: { id: buildId }, data: { commit: source.commit } });
    const rendered = renderTags(rule.tagTemplate, {
      branch: source.refKind === 'branch' ? source.refName : null,
      tag: source.refKind === 'tag' ? source.refName : null,
      sha: source.commit,
      date: startedAt,
    });
    if (!rendered.ok) throw new BuildStepError(`tag template "${rule.tagTemplate}": ${rendered.message}`);
    const files = await resolveBuildFiles(source.dir, rule.dockerfileDir, rule.dockerfileName);
    const auth = await writeBuildRegistryAuth(app, { dir: workDir, owner: rule.owner });
    secrets.push(...auth.secrets);
    revoke = auth.revoke;
    await buildImage(ctx, store, { image, context: files.context, dockerfile: files.dockerfile, buildArgs: buildArgsOf(rule.buildArgs), noCache: rule.noCache });
    log.line(`pushing ${rendered.tags.map((t) => `${build.repository.name}:${t}`).join(', ')}`);
    const digest = await pushImage(ctx, store, { image, address: auth.address, repository: build.repository.name, tags: rendered.tags });
    log.line(`pushed ${digest}`);
    outcome = { status: 'succeeded', tags: rendered.tags, digest, commit: source.commit };
  } catch (err) {
    if (err instanceof ProcessStopped || controller.signal.aborted) {
      const reason = (err instanceof ProcessStopped ? err : (controller.signal.reason as ProcessStopped)).reason;
      outcome = reason === 'cancelled' ? { status: 'cancelled', error: 'cancelled' } : { status: 'failed', error: `timed out after ${app.config.builds.timeoutSeconds} s` };
    } else if (err instanceof BuildStepError) {
      outcome = { status: 'failed', error: err.message };
    } else {
      console.error(`[berth] build ${buildId} failed: ${(err as Error)?.stack ?? err}`);
      outcome = { status: 'failed', error: `internal error: ${(err as Error)?.message ?? err}` };
    }
    log.line(`build ${outcome.status}: ${secretMasker(secrets)(outcome.error ?? '')}`);
  } finally {
    clearTimeout(timeout);
    clearInterval(heartbeat);
  }
  await revoke?.().catch(() => undefined);
  await removeImage(ctx, store, image);
  await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  if (outcome.status === 'succeeded') log.line('build succeeded');
  await log.flush();
  // Only a build still marked running is finished here: the sweeper may have failed it meanwhile.
  await app.db.build.updateMany({
    where: { id: buildId, status: 'running' },
    data: {
      status: outcome.status,
      error: outcome.error ? secretMasker(secrets)(outcome.error) : null,
      tags: outcome.tags ?? [],
      digest: outcome.digest ?? null,
      finishedAt: new Date(),
      ...(outcome.commit ? { commit: outcome.commit } : {}),
    },
  });
}
