// Shared by the interop tests (real clients against a Berth registry on loopback). Not a test file itself.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContainerStore } from '../support/clients';
import { randomName } from '../support/database';
import { requireTool, run } from '../support/tools';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size: number;
  artifactType?: string;
  platform?: { architecture: string; os: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  schemaVersion: number;
  mediaType?: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
}

export interface ImageIndex {
  schemaVersion: number;
  mediaType?: string;
  manifests: Descriptor[];
}

export function sha256Of(data: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** A random `<namespace>/<repo>` name, so files and tests never share repositories. */
export function randomRepoName(): string {
  return `${randomName('ns')}/${randomName('r')}`;
}

export interface DirImage {
  /** The manifest bytes as written by skopeo's `dir:` transport (exactly as the registry served them). */
  manifestText: string;
  manifestDigest: string;
  manifest: ImageManifest;
  /** Every blob file in the directory, by digest, with the digest of its actual contents and its size. */
  blobs: Map<string, { contentDigest: string; size: number }>;
}

/** Reads what `skopeo copy … dir:OUT` wrote: `manifest.json` and one file per blob named by its hex digest. */
export async function readDirImage(dir: string): Promise<DirImage> {
  const manifestText = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  const blobs = new Map<string, { contentDigest: string; size: number }>();
  for (const name of await readdir(dir)) {
    if (!/^[0-9a-f]{64}$/.test(name)) continue;
    const bytes = await readFile(path.join(dir, name));
    blobs.set(`sha256:${name}`, { contentDigest: sha256Of(bytes), size: bytes.length });
  }
  return { manifestText, manifestDigest: sha256Of(manifestText), manifest: JSON.parse(manifestText) as ImageManifest, blobs };
}

/** Reads one blob of an OCI image layout (e.g. a manifest umoci wrote). */
export async function readLayoutBlob(layout: string, digest: string): Promise<Buffer> {
  return readFile(path.join(layout, 'blobs', ...digest.split(':')));
}

/**
 * The error a client reported, as its user reads it: skopeo's `level=fatal msg="…"` unquoted, or podman's
 * `Error: …` to the end. containers/image prints one line per registry error (`errors:\ndenied: …\nunauthorized`),
 * so this may span several lines.
 */
export function clientError(stderr: string): string {
  const fatal = [...stderr.matchAll(/level=fatal msg="((?:[^"\\]|\\.)*)"/g)].at(-1);
  if (fatal) return unquoteGo(fatal[1]).trim();
  const at = stderr.lastIndexOf('Error: ');
  return (at >= 0 ? stderr.slice(at) : stderr).trim();
}

/** Undoes Go's %q escaping of a logrus message (\n, \t, \", \\ and \xNN / \uNNNN). */
function unquoteGo(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e[0] === 'x' || e[0] === 'u') return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[e] ?? e;
  });
}

const CACHE_SCRIPT = 'mkdir -p /var/lib/containers/cache && mount -t tmpfs none /var/lib/containers/cache && exec "$@"';

/** Runs `tool args…` as clients.ts does: a private mount namespace with a tmpfs blob-info cache. */
async function inNamespace(tool: string, args: string[], env: Record<string, string>, timeoutMs: number) {
  const res = await run(requireTool('unshare'), ['--mount', '/bin/sh', '-c', CACHE_SCRIPT, 'sh', requireTool(tool), ...args], {
    env,
    timeoutMs,
  });
  return { ...res, argv: [tool, ...args] };
}

/**
 * `skopeo ARGS…` for what the clients.ts wrappers do not offer (`--override-arch`), with no user configuration
 * or credentials from the machine (`home` is an empty directory).
 */
export function skopeoRaw(args: string[], home: string, timeoutMs = 240_000) {
  return inNamespace('skopeo', args, { REGISTRY_AUTH_FILE: path.join(home, 'no-auth.json'), XDG_CONFIG_HOME: home, DOCKER_CONFIG: home }, timeoutMs);
}

/**
 * `podman ARGS…` against a store made by podmanStore, configured as clients.ts runs podman (the store's
 * registries.conf and auth file), for subcommands it has no wrapper for (`image inspect`).
 */
export function podmanRaw(store: ContainerStore, args: string[], timeoutMs = 240_000) {
  const global = [...store.args, '--tmpdir', path.join(store.dir, 'libpod-tmp'), '--events-backend', 'none'];
  return inNamespace('podman', [...global, ...args], {
    CONTAINERS_REGISTRIES_CONF: store.registriesConf,
    REGISTRY_AUTH_FILE: store.authfile,
    XDG_CONFIG_HOME: store.dir,
    DOCKER_CONFIG: store.dir,
    TMPDIR: path.join(store.dir, 'tmp'),
  }, timeoutMs);
}
