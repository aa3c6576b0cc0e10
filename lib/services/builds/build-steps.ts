import { realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SourceCredentials } from '@/lib/schemas/builds';
import { runProcess } from './run-process';

export class BuildStepError extends Error {}

export interface StepContext {
  workDir: string;
  log: (line: string) => void;
  signal: AbortSignal;
}

/** The environment of git: no prompts, no system or user configuration, credentials only through variables. */
export async function gitEnv(ctx: StepContext, credentials: SourceCredentials | null): Promise<{ env: Record<string, string | undefined>; secrets: string[] }> {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: ctx.workDir, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', LANG: 'C' };
  if (!credentials) return { env, secrets: [] };
  if (credentials.kind === 'token') {
    const basic = Buffer.from(`${credentials.username ?? 'oauth2'}:${credentials.token}`).toString('base64');
    // Config from the environment (git ≥ 2.31) keeps the token out of the process list.
    Object.assign(env, { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` });
    return { env, secrets: [credentials.token, basic] };
  }
  const keyFile = path.join(ctx.workDir, 'ssh-key');
  await writeFile(keyFile, credentials.privateKey.endsWith('\n') ? credentials.privateKey : `${credentials.privateKey}\n`, { mode: 0o600 });
  const knownHosts = path.join(ctx.workDir, 'known_hosts');
  env.GIT_SSH_COMMAND = `ssh -i ${keyFile} -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=${knownHosts}`;
  return { env, secrets: [credentials.privateKey] };
}

async function git(ctx: StepContext, env: Record<string, string | undefined>, args: string[], quiet = false): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  if (!quiet) ctx.log(`$ git ${args.join(' ')}`);
  const code = await runProcess('git', args, { env, signal: ctx.signal, onLine: (l) => (lines.push(l), quiet || ctx.log(l)) });
  return { code, lines };
}

export interface FetchedSource {
  dir: string;
  commit: string;
  refKind: 'branch' | 'tag' | 'commit';
  refName: string;
}

/**
 * Fetches one commit of the source, shallowly, into `<work>/src`: the exact commit when a push reported it,
 * else what the ref names now. A ref is a branch, a tag (`refs/heads/…`, `refs/tags/…`, or a bare name looked up
 * in that order) or a full commit id.
 */
export async function fetchSource(ctx: StepContext, input: { url: string; ref: string; commit: string | null; env: Record<string, string | undefined> }): Promise<FetchedSource> {
  const dir = path.join(ctx.workDir, 'src');
  const env = input.env;
  if ((await git(ctx, env, ['init', '-q', dir], true)).code !== 0) throw new BuildStepError('could not create the work directory');
  await git(ctx, env, ['-C', dir, 'remote', 'add', 'origin', input.url], true);
  let refKind: FetchedSource['refKind'];
  let refName: string;
  let want: string;
  const full = /^refs\/(heads|tags)\/(.+)$/.exec(input.ref);
  if (full) {
    refKind = full[1] === 'heads' ? 'branch' : 'tag';
    refName = full[2]!;
    want = input.ref;
  } else {
    const ls = await git(ctx, env, ['-C', dir, 'ls-remote', 'origin', `refs/heads/${input.ref}`, `refs/tags/${input.ref}`]);
    if (ls.code !== 0) throw new BuildStepError(`could not read the source ${input.url}`);
    const found = ls.lines.map((l) => l.split('\t')[1]).filter(Boolean);
    refName = input.ref;
    if (found.includes(`refs/heads/${input.ref}`)) [refKind, want] = ['branch', `refs/heads/${input.ref}`];
    else if (found.includes(`refs/tags/${input.ref}`)) [refKind, want] = ['tag', `refs/tags/${input.ref}`];
    else if (/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(input.ref)) [refKind, want] = ['commit', input.ref];
    else throw new BuildStepError(`no branch or tag "${input.ref}" in the source (a commit must be given as its full id)`);
  }
  const fetched = await git(ctx, env, ['-C', dir, 'fetch', '--depth', '1', '--no-tags', 'origin', input.commit ?? want]);
  if (fetched.code !== 0) throw new BuildStepError(`could not fetch ${input.commit ?? input.ref} from the source`);
  if ((await git(ctx, env, ['-C', dir, 'checkout', '-q', '--detach', 'FETCH_HEAD'])).code !== 0) throw new BuildStepError('could not check out the fetched commit');
  const head = await git(ctx, env, ['-C', dir, 'rev-parse', 'HEAD'], true);
  const commit = head.lines[0]?.trim() ?? '';
  if (head.code !== 0 || !/^[0-9a-f]{40}/.test(commit)) throw new BuildStepError('could not read the fetched commit');
  return { dir, commit, refKind, refName };
}

/** The build context and Dockerfile, refused when a symlink in the source would lead outside it. */
export async function resolveBuildFiles(src: string, dockerfileDir: string, dockerfileName: string): Promise<{ context: string; dockerfile: string }> {
  const root = await realpath(src);
  const inside = (p: string) => p === root || p.startsWith(root + path.sep);
  let context: string;
  let dockerfile: string;
  try {
    context = await realpath(path.join(root, dockerfileDir));
  } catch {
    throw new BuildStepError(`the directory "${dockerfileDir}" is not in the source`);
  }
  try {
    dockerfile = await realpath(path.join(context, dockerfileName));
  } catch {
    throw new BuildStepError(`no file "${dockerfileName}" in "${dockerfileDir}"`);
  }
  if (!inside(context) || !inside(dockerfile)) throw new BuildStepError('the Dockerfile or its directory leads outside the source');
  return { context, dockerfile };
}
