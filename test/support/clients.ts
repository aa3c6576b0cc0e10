// Drives real registry clients (skopeo, podman, buildah) against a registry on loopback over plain HTTP.
//
// Every call runs in a private mount namespace with a fresh tmpfs on /var/lib/containers/cache, where
// containers/image keeps its blob-info cache: without that, what one run pushed makes the next try cross-repository
// mounts instead of uploads, and request sequences depend on test order (see /work/shared/CLIENTS.md).
// Credentials and configuration come only from what a test passes: the user's auth.json, ~/.docker/config.json and
// a system registries.conf are kept out.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeFailure, requireTool, run, type RunResult } from './tools';

export interface Creds {
  username: string;
  password: string;
}

export interface AuthOptions {
  /** Passed as `--creds user:password`. */
  creds?: Creds;
  /** Passed as `--authfile F` (as written by podmanLogin). */
  authfile?: string;
}

export interface CallOptions {
  /** Default 4 minutes, under the interop project's 5-minute test timeout. */
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
}

export interface ClientResult extends RunResult {
  /** The client's argv, for failure messages. */
  argv: string[];
}

const CACHE_DIR = '/var/lib/containers/cache';
// "$@" carries the client and its arguments untouched: nothing is interpolated into the script.
const NAMESPACE_SCRIPT = `mkdir -p ${CACHE_DIR} && mount -t tmpfs none ${CACHE_DIR} && exec "$@"`;
const DEFAULT_TIMEOUT_MS = 240_000;

/** Throws, with the command line, exit code, stdout and stderr, unless the client exited 0. */
export function expectOk<R extends ClientResult>(res: R): R {
  if (res.code !== 0) throw new Error(describeFailure(res.argv[0], redact(res.argv.slice(1)), res));
  return res;
}

/** `--creds user:secret` → `--creds user:***` in failure messages. */
function redact(args: string[]): string[] {
  return args.map((arg, i) => (/^--(src-|dest-)?creds$/.test(args[i - 1] ?? '') ? arg.replace(/:.*/s, ':***') : arg));
}

function okVariant<A extends unknown[], R extends ClientResult>(fn: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => expectOk(await fn(...args));
}

/** An empty directory for HOME-like settings, so nothing from the machine's user configuration is read. */
let hermeticDir: string | undefined;
function hermetic(): string {
  if (!hermeticDir) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-clients-'));
    hermeticDir = dir;
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return hermeticDir;
}

async function runClient(tool: string, args: string[], opts: CallOptions & { input?: string }): Promise<ClientResult> {
  if (process.getuid?.() !== 0) {
    throw new Error(`${tool} runs in a private mount namespace, which needs root: run the interop tests as root (as CI does)`);
  }
  const bin = requireTool(tool);
  const home = hermetic();
  const res = await run(requireTool('unshare'), ['--mount', '/bin/sh', '-c', NAMESPACE_SCRIPT, 'sh', bin, ...args], {
    env: {
      // containers/image also reads $XDG_CONFIG_HOME/containers/auth.json and $DOCKER_CONFIG/config.json.
      REGISTRY_AUTH_FILE: path.join(home, 'no-auth.json'),
      XDG_CONFIG_HOME: home,
      DOCKER_CONFIG: home,
      ...opts.env,
    },
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    input: opts.input,
  });
  // The namespace itself failed (an unprivileged container lacks CAP_SYS_ADMIN): no client ran at all.
  if (res.code !== 0 && /^unshare: |^mount: .*(denied|not permitted)/m.test(res.stderr)) {
    throw new Error(`could not give ${tool} a private mount namespace (needs root with CAP_SYS_ADMIN):\n${res.stderr}`);
  }
  return { ...res, argv: [tool, ...args] };
}

function credsArg(flag: string, creds: Creds | undefined): string[] {
  return creds ? [flag, `${creds.username}:${creds.password}`] : [];
}

const isDocker = (ref: string) => ref.startsWith('docker://');

// ---------------------------------------------------------------------------------------------------- skopeo

export interface SkopeoCopyOptions extends AuthOptions, CallOptions {
  /** Manifest type written to the destination: `oci` or `v2s2` (Docker schema 2 / manifest list). */
  format?: 'oci' | 'v2s2';
  /** Copy every image of a list or index (`--all`). */
  all?: boolean;
  /** Credentials for the source only; `creds` applies to whichever side is a registry. */
  srcCreds?: Creds;
  destCreds?: Creds;
}

/** `skopeo copy SRC DEST`, e.g. `oci:/tmp/l:t` → `docker://127.0.0.1:5000/ns/repo:t`. */
export function skopeoCopy(src: string, dest: string, opts: SkopeoCopyOptions = {}): Promise<ClientResult> {
  const args = ['--insecure-policy', 'copy', '--retry-times', '0'];
  if (isDocker(src)) {
    args.push('--src-tls-verify=false', ...credsArg('--src-creds', opts.srcCreds ?? opts.creds));
  }
  if (isDocker(dest)) {
    args.push('--dest-tls-verify=false', ...credsArg('--dest-creds', opts.destCreds ?? opts.creds));
  }
  if (opts.authfile) args.push('--authfile', opts.authfile);
  if (opts.format) args.push('--format', opts.format);
  if (opts.all) args.push('--all');
  args.push(src, dest);
  return runClient('skopeo', args, opts);
}

export interface SkopeoInspectOptions extends AuthOptions, CallOptions {
  /** The manifest (or with `config`, the config blob) exactly as the registry served it. */
  raw?: boolean;
  /** The image's config instead of the manifest. */
  config?: boolean;
}

export interface InspectResult<T> extends ClientResult {
  /** stdout parsed as JSON when the client exited 0 and printed JSON. */
  json: T | undefined;
}

/** `skopeo inspect [--raw] [--config] docker://…`. `stdout` keeps the exact text (for digest checks with --raw). */
export async function skopeoInspect<T = unknown>(ref: string, opts: SkopeoInspectOptions = {}): Promise<InspectResult<T>> {
  const args = ['--insecure-policy', 'inspect', '--retry-times', '0'];
  if (isDocker(ref)) args.push('--tls-verify=false');
  args.push(...credsArg('--creds', opts.creds));
  if (opts.authfile) args.push('--authfile', opts.authfile);
  if (opts.raw) args.push('--raw');
  if (opts.config) args.push('--config');
  args.push(ref);
  const res = await runClient('skopeo', args, opts);
  return { ...res, json: res.code === 0 ? parseJson<T>(res.stdout) : undefined };
}

/** `skopeo list-tags docker://HOST/ns/repo`; `tags` is set when it succeeded. */
export async function skopeoListTags(
  repoRef: string,
  opts: AuthOptions & CallOptions = {},
): Promise<ClientResult & { tags: string[] | undefined }> {
  const ref = isDocker(repoRef) ? repoRef : `docker://${repoRef}`;
  const args = ['list-tags', '--retry-times', '0', '--tls-verify=false', ...credsArg('--creds', opts.creds)];
  if (opts.authfile) args.push('--authfile', opts.authfile);
  args.push(ref);
  const res = await runClient('skopeo', args, opts);
  const json = res.code === 0 ? parseJson<{ Tags?: string[] }>(res.stdout) : undefined;
  return { ...res, tags: json?.Tags };
}

/** `skopeo delete docker://…`: resolves a tag to its digest, then deletes the manifest by digest. */
export function skopeoDelete(ref: string, opts: AuthOptions & CallOptions = {}): Promise<ClientResult> {
  const full = isDocker(ref) ? ref : `docker://${ref}`;
  const args = ['--insecure-policy', 'delete', '--retry-times', '0', '--tls-verify=false', ...credsArg('--creds', opts.creds)];
  if (opts.authfile) args.push('--authfile', opts.authfile);
  args.push(full);
  return runClient('skopeo', args, opts);
}

export const skopeoCopyOk = okVariant(skopeoCopy);
export const skopeoListTagsOk = okVariant(skopeoListTags);
export const skopeoDeleteOk = okVariant(skopeoDelete);
/** Exits non-zero → throws; otherwise the parsed JSON. */
export async function skopeoInspectOk<T = unknown>(ref: string, opts: SkopeoInspectOptions = {}): Promise<T> {
  const res = expectOk(await skopeoInspect<T>(ref, opts));
  if (res.json === undefined) throw new Error(`skopeo inspect ${ref} printed no JSON:\n${res.stdout}`);
  return res.json;
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------- podman, buildah

/** A private image store (vfs: works in any container, needs no fuse or overlay support). */
export interface ContainerStore {
  dir: string;
  /** `--root R --runroot RR --storage-driver vfs`, understood by both podman and buildah. */
  args: string[];
  /** Used by podman/buildah calls that get neither `authfile` nor `creds`; podmanLogin without one writes here. */
  authfile: string;
  /** Generated registries.conf listing every registry this store has talked to as insecure. */
  registriesConf: string;
  registries: Set<string>;
}

/** Creates (or reuses) a store under `dir`, e.g. a test's temp directory. */
export function podmanStore(dir: string): ContainerStore {
  mkdirSync(dir, { recursive: true });
  const store: ContainerStore = {
    dir,
    args: ['--root', path.join(dir, 'root'), '--runroot', path.join(dir, 'runroot'), '--storage-driver', 'vfs'],
    authfile: path.join(dir, 'auth.json'),
    registriesConf: path.join(dir, 'registries.conf'),
    registries: new Set(),
  };
  // podman refuses an --authfile (or REGISTRY_AUTH_FILE) that does not exist.
  if (!existsSync(store.authfile)) writeFileSync(store.authfile, '{"auths":{}}\n');
  writeRegistriesConf(store);
  return store;
}

/** Same layout as podmanStore; a separate name for readability at call sites. */
export const buildahStore = podmanStore;

const TRANSPORTS = ['oci', 'oci-archive', 'dir', 'docker-archive', 'docker-daemon', 'containers-storage', 'tarball', 'sif'];
const transportOf = (ref: string) => TRANSPORTS.find((t) => ref.startsWith(`${t}:`));

/** The registry host of `ref` (`127.0.0.1:5000/ns/repo:t`, `docker://…`, `HOST`), or undefined for other transports. */
function registryOf(ref: string): string | undefined {
  if (transportOf(ref)) return undefined;
  const first = (isDocker(ref) ? ref.slice('docker://'.length) : ref).split('/')[0];
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : undefined;
}

function writeRegistriesConf(store: ContainerStore): void {
  // No search registries: a short name must never reach docker.io from a test.
  const lines = ['unqualified-search-registries = []', ''];
  for (const host of store.registries) lines.push('[[registry]]', `location = "${host}"`, 'insecure = true', '');
  writeFileSync(store.registriesConf, lines.join('\n'));
}

function noteRegistry(store: ContainerStore, ...refs: string[]): void {
  let changed = false;
  for (const ref of refs) {
    const host = registryOf(ref);
    if (host && !store.registries.has(host)) {
      store.registries.add(host);
      changed = true;
    }
  }
  if (changed) writeRegistriesConf(store);
}

export interface StoreOptions extends CallOptions {
  store: ContainerStore;
}

function storeEnv(store: ContainerStore, env: CallOptions['env']): CallOptions['env'] {
  return {
    CONTAINERS_REGISTRIES_CONF: store.registriesConf,
    REGISTRY_AUTH_FILE: store.authfile,
    // Big layers are staged in $TMPDIR (default /var/tmp) before they enter the store.
    TMPDIR: path.join(store.dir, 'tmp'),
    ...env,
  };
}

function runPodman(store: ContainerStore, args: string[], opts: CallOptions & { input?: string }) {
  mkdirSync(path.join(store.dir, 'tmp'), { recursive: true });
  // Each store gets its own libpod state directory too, so concurrent tests don't share /run/libpod.
  const global = [...store.args, '--tmpdir', path.join(store.dir, 'libpod-tmp'), '--events-backend', 'none'];
  return runClient('podman', [...global, ...args], { ...opts, env: storeEnv(store, opts.env) });
}

function runBuildah(store: ContainerStore, args: string[], opts: CallOptions) {
  mkdirSync(path.join(store.dir, 'tmp'), { recursive: true });
  const global = [...store.args, '--registries-conf', store.registriesConf];
  return runClient('buildah', [...global, ...args], { ...opts, env: storeEnv(store, opts.env) });
}

function authArgs(opts: AuthOptions): string[] {
  return [...credsArg('--creds', opts.creds), ...(opts.authfile ? ['--authfile', opts.authfile] : [])];
}

export interface LoginOptions extends CallOptions {
  username: string;
  password: string;
  /** Where the credentials are written; default the store's auth.json. */
  authfile?: string;
  /** Default: a throwaway store (login needs none, but podman opens one anyway). */
  store?: ContainerStore;
}

let scratchStore: ContainerStore | undefined;

/** `podman login --tls-verify=false -u U --password-stdin HOST` (the password never appears in argv). */
export function podmanLogin(registry: string, opts: LoginOptions): Promise<ClientResult> {
  const store = opts.store ?? (scratchStore ??= podmanStore(path.join(hermetic(), 'scratch-store')));
  noteRegistry(store, registry);
  const args = ['login', '--tls-verify=false', '--username', opts.username, '--password-stdin'];
  if (opts.authfile) args.push('--authfile', opts.authfile);
  args.push(registry);
  return runPodman(store, args, { ...opts, input: opts.password });
}

export interface PodmanPullOptions extends StoreOptions, AuthOptions {
  /** Tag the pulled image with this name too (e.g. `127.0.0.1:5000/ns/repo:t`), ready for podmanPush. */
  tagAs?: string;
}

/**
 * `podman pull REF`: a registry reference (`127.0.0.1:5000/ns/repo:t`) or another transport (`oci:L:t`).
 * `imageId` is what podman printed last. An image pulled from `oci:` is named `localhost/<layout path>:latest`
 * whatever its tag, so use `tagAs` to give it a usable name.
 */
export async function podmanPull(ref: string, opts: PodmanPullOptions): Promise<ClientResult & { imageId?: string }> {
  noteRegistry(opts.store, ref);
  const res = await runPodman(opts.store, ['pull', '--tls-verify=false', ...authArgs(opts), podmanSafeRef(ref)], opts);
  const imageId = res.code === 0 ? res.stdout.trim().split('\n').pop() : undefined;
  if (!imageId || !opts.tagAs) return { ...res, imageId };
  const tagged = await podmanTag(imageId, opts.tagAs, opts);
  return tagged.code === 0 ? { ...res, imageId } : { ...tagged, imageId };
}

/**
 * podman names an image pulled from `oci:<path>` after the path, so a path that is not a valid repository name
 * (upper case, as in mkdtemp's suffixes) fails the pull with "repository name must be lowercase". Such paths
 * are reached through a lowercase symlink in /tmp instead, removed when this process exits.
 */
function podmanSafeRef(ref: string): string {
  const m = /^oci:([^:]+)(:.*)?$/.exec(ref);
  const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
  if (!m || m[1].split('/').filter(Boolean).every((c) => component.test(c))) return ref;
  const alias = `/tmp/berth-oci-${createHash('sha256').update(m[1]).digest('hex').slice(0, 16)}`;
  if (!aliases.has(alias)) {
    rmSync(alias, { force: true });
    symlinkSync(path.resolve(m[1]), alias);
    aliases.add(alias);
  }
  return `oci:${alias}${m[2] ?? ''}`;
}

const aliases = new Set<string>();
process.on('exit', () => {
  for (const alias of aliases) rmSync(alias, { force: true });
});

export interface PodmanPushOptions extends StoreOptions, AuthOptions {
  /** Push `ref` from the store to this destination instead of to `ref` itself. */
  dest?: string;
  format?: 'oci' | 'v2s2';
}

/** `podman push [--format F] REF [DEST]`. */
export function podmanPush(ref: string, opts: PodmanPushOptions): Promise<ClientResult> {
  noteRegistry(opts.store, ref, ...(opts.dest ? [opts.dest] : []));
  const args = ['push', '--tls-verify=false', ...authArgs(opts)];
  if (opts.format) args.push('--format', opts.format);
  args.push(ref, ...(opts.dest ? [opts.dest] : []));
  return runPodman(opts.store, args, opts);
}

export function podmanTag(src: string, dest: string, opts: StoreOptions): Promise<ClientResult> {
  noteRegistry(opts.store, dest);
  return runPodman(opts.store, ['tag', src, dest], opts);
}

export function podmanRmi(ref: string, opts: StoreOptions & { force?: boolean }): Promise<ClientResult> {
  return runPodman(opts.store, ['rmi', ...(opts.force ? ['--force'] : []), ref], opts);
}

export const podmanLoginOk = okVariant(podmanLogin);
export const podmanPullOk = okVariant(podmanPull);
export const podmanPushOk = okVariant(podmanPush);
export const podmanTagOk = okVariant(podmanTag);
export const podmanRmiOk = okVariant(podmanRmi);

/** `buildah manifest create LIST` (a local list in the store; LIST is a plain name like `berth-multi`). */
export function buildahManifestCreate(list: string, opts: StoreOptions): Promise<ClientResult> {
  return runBuildah(opts.store, ['manifest', 'create', list], opts);
}

export interface ManifestAddOptions extends StoreOptions, AuthOptions {
  arch?: string;
  os?: string;
  variant?: string;
  /** When `image` is itself a list, add all its images. */
  all?: boolean;
}

/** `buildah manifest add LIST IMAGE`, IMAGE e.g. `oci:/tmp/layout:t-arm64` or `docker://…`. */
export function buildahManifestAdd(list: string, image: string, opts: ManifestAddOptions): Promise<ClientResult> {
  noteRegistry(opts.store, image);
  const args = ['manifest', 'add', '--tls-verify=false', ...authArgs(opts)];
  if (opts.arch) args.push('--arch', opts.arch);
  if (opts.os) args.push('--os', opts.os);
  if (opts.variant) args.push('--variant', opts.variant);
  if (opts.all) args.push('--all');
  args.push(list, image);
  return runBuildah(opts.store, args, opts);
}

export interface ManifestPushOptions extends StoreOptions, AuthOptions {
  /** `v2s2` pushes a Docker manifest list with schema-2 children; default OCI as built. */
  format?: 'oci' | 'v2s2';
  /** Written by buildah with the digest of the pushed list. */
  digestfile?: string;
}

/** `buildah manifest push --all LIST docker://DEST`: the children by digest, then the list. */
export function buildahManifestPushAll(list: string, dest: string, opts: ManifestPushOptions): Promise<ClientResult> {
  const target = isDocker(dest) || transportOf(dest) ? dest : `docker://${dest}`;
  noteRegistry(opts.store, target);
  const args = ['manifest', 'push', '--all', '--tls-verify=false', ...authArgs(opts)];
  if (opts.format) args.push('--format', opts.format);
  if (opts.digestfile) args.push('--digestfile', opts.digestfile);
  args.push(list, target);
  return runBuildah(opts.store, args, opts);
}

export const buildahManifestCreateOk = okVariant(buildahManifestCreate);
export const buildahManifestAddOk = okVariant(buildahManifestAdd);
export const buildahManifestPushAllOk = okVariant(buildahManifestPushAll);
