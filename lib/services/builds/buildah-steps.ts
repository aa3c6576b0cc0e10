import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BuildStepError, type StepContext } from './build-steps';
import { runProcess } from './run-process';

export interface BuildahStore {
  root: string;
  runroot: string;
  driver: 'vfs' | 'overlay';
  authFile: string;
  registriesConf: string;
}

function buildahEnv(ctx: StepContext, store: BuildahStore): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    HOME: ctx.workDir,
    TMPDIR: path.join(ctx.workDir, 'tmp'),
    REGISTRY_AUTH_FILE: store.authFile,
    CONTAINERS_REGISTRIES_CONF: store.registriesConf,
    BUILDAH_ISOLATION: 'chroot',
    LANG: 'C',
  };
}

async function buildah(ctx: StepContext, store: BuildahStore, args: string[], opts: { quiet?: boolean } = {}): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const argv = ['--root', store.root, '--runroot', store.runroot, '--storage-driver', store.driver, ...args];
  if (!opts.quiet) ctx.log(`$ buildah ${args.join(' ')}`);
  const code = await runProcess('buildah', argv, {
    env: buildahEnv(ctx, store),
    signal: ctx.signal,
    onLine: (l) => {
      lines.push(l);
      if (lines.length > 50) lines.shift();
      if (!opts.quiet) ctx.log(l);
    },
  });
  return { code, lines };
}

/**
 * `buildah build` with chroot isolation (no daemon, works as root and, where user namespaces allow, unprivileged).
 * With the cache, unchanged steps reuse layers of earlier builds (`--layers`); without it every step runs again and
 * nothing is kept for later (`--no-cache --layers=false`), and FROM images are pulled afresh.
 */
export async function buildImage(
  ctx: StepContext,
  store: BuildahStore,
  input: { image: string; context: string; dockerfile: string; buildArgs: Record<string, string>; noCache: boolean },
): Promise<void> {
  const args = ['build', '--isolation', 'chroot', '--authfile', store.authFile, '-f', input.dockerfile, '-t', input.image, '--force-rm'];
  args.push(...(input.noCache ? ['--no-cache', '--layers=false', '--pull-always'] : ['--layers']));
  for (const [k, v] of Object.entries(input.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  args.push(input.context);
  const res = await buildah(ctx, store, args);
  if (res.code !== 0) {
    const last = [...res.lines].reverse().find((l) => /error|failed/i.test(l)) ?? res.lines[res.lines.length - 1] ?? '';
    throw new BuildStepError(`the build failed (buildah exit ${res.code})${last ? `: ${last.slice(0, 500)}` : ''}`);
  }
}

/** Pushes the image under each tag through Berth's registry protocol; returns the manifest digest. */
export async function pushImage(ctx: StepContext, store: BuildahStore, input: { image: string; address: string; repository: string; tags: string[] }): Promise<string> {
  let digest = '';
  for (const tag of input.tags) {
    const digestFile = path.join(ctx.workDir, `digest-${tag}`);
    const dest = `docker://${input.address}/${input.repository}:${tag}`;
    const res = await buildah(ctx, store, ['push', '--authfile', store.authFile, '--digestfile', digestFile, input.image, dest]);
    if (res.code !== 0) throw new BuildStepError(`could not push ${input.repository}:${tag} (buildah exit ${res.code})`);
    digest ||= (await readFile(digestFile, 'utf8')).trim();
  }
  return digest;
}

/** Removes the build's image (its cached layers stay, unless the build ran without cache). Never throws. */
export async function removeImage(ctx: StepContext, store: BuildahStore, image: string): Promise<void> {
  await buildah({ ...ctx, signal: new AbortController().signal }, store, ['rmi', '-f', image], { quiet: true }).catch(() => undefined);
}
