// Builds OCI image layouts offline with umoci, for pushing with real clients (`oci:<layout>:<tag>`).
// umoci writes manifests without a `mediaType` field; that is expected, and registries must cope with it.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { requireTool, runOk } from './tools';

export type LayerSpec =
  /** Files by path relative to the image root (`etc/motd`), with their contents. */
  | { files: Record<string, string | Buffer> }
  /** One file of this many random (incompressible) bytes. */
  | { randomBytes: number }
  /** OCI whiteouts deleting these paths (`app/node_modules/minimist`) of the layers below: one layer per path. */
  | { whiteouts: string[] };

export interface BuildImageOptions {
  /** A directory the caller owns (and removes); the layout is created at `<dir>/layout` and may hold many tags. */
  dir: string;
  tag: string;
  layers: LayerSpec[];
  arch?: 'amd64' | 'arm64';
  os?: string;
  cmd?: string[];
  labels?: Record<string, string>;
  /** Start with a layer holding the host's static /bin/busybox and its applets (/bin/sh, …), so the image runs. */
  busybox?: boolean;
}

export interface BuiltImage {
  layout: string;
  tag: string;
  /** `oci:<layout>:<tag>`, for skopeo, podman and buildah. */
  ref: string;
  /** Digest of the image manifest. */
  digest: string;
  /** Size of the manifest in bytes. */
  size: number;
}

const UMOCI_TIMEOUT_MS = 600_000; // compressing a 1 GiB layer takes a while

/** Builds one image into `<dir>/layout` under `tag`. Layers are staged in `dir` and removed once inserted. */
export async function buildImage(opts: BuildImageOptions): Promise<BuiltImage> {
  const umoci = requireTool('umoci');
  const layout = path.join(opts.dir, 'layout');
  const image = `${layout}:${opts.tag}`;
  if (!existsSync(path.join(layout, 'index.json'))) {
    await mkdir(opts.dir, { recursive: true });
    await runOk(umoci, ['init', '--layout', layout]);
  }
  await runOk(umoci, ['new', '--image', image]);

  const layers: StagedLayer[] = opts.busybox ? [{ busybox: true }, ...opts.layers] : opts.layers;
  for (const [i, layer] of layers.entries()) {
    if ('whiteouts' in layer) {
      // `umoci insert --whiteout` writes a layer holding the removal entry (`.wh.<name>`) for one path.
      for (const target of layer.whiteouts) await runOk(umoci, ['insert', '--image', image, '--whiteout', `/${target.replace(/^\/+/, '')}`]);
      continue;
    }
    const stage = path.join(opts.dir, `.stage-${opts.tag}-${i}`);
    await rm(stage, { recursive: true, force: true });
    await mkdir(stage, { recursive: true });
    try {
      await stageLayer(stage, layer, i);
      await runOk(umoci, ['insert', '--image', image, stage, '/'], { timeoutMs: UMOCI_TIMEOUT_MS });
    } finally {
      await rm(stage, { recursive: true, force: true });
    }
  }

  const config = ['config', '--image', image, '--os', opts.os ?? 'linux', '--architecture', opts.arch ?? 'amd64'];
  for (const arg of opts.cmd ?? (opts.busybox ? ['/bin/sh'] : [])) config.push('--config.cmd', arg);
  for (const [k, v] of Object.entries(opts.labels ?? {})) config.push('--config.label', `${k}=${v}`);
  await runOk(umoci, config);
  await runOk(umoci, ['gc', '--layout', layout]);

  const desc = await findTag(layout, opts.tag);
  return { layout, tag: opts.tag, ref: `oci:${layout}:${opts.tag}`, digest: desc.digest, size: desc.size };
}

/** What a layer is made from: a caller's spec, or the host's static busybox. */
type StagedLayer = LayerSpec | { busybox: true };

async function stageLayer(stage: string, layer: StagedLayer, index: number): Promise<void> {
  if ('busybox' in layer) {
    const busybox = requireTool('busybox');
    await mkdir(path.join(stage, 'bin'));
    await copyFile(busybox, path.join(stage, 'bin', 'busybox'));
    // One link per applet (sh, cat, ls, …), as busybox --install would make.
    const applets = (await runOk(busybox, ['--list'])).stdout.split('\n').filter((a) => /^[\w.-]+$/.test(a));
    for (const applet of new Set(['sh', ...applets])) {
      if (applet !== 'busybox') await symlink('busybox', path.join(stage, 'bin', applet));
    }
  } else if ('files' in layer) {
    for (const [name, content] of Object.entries(layer.files)) {
      const file = path.join(stage, name.replace(/^\/+/, ''));
      if (!file.startsWith(stage + path.sep)) throw new Error(`layer file outside the image root: ${name}`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
  } else if ('randomBytes' in layer) {
    await mkdir(path.join(stage, 'data'));
    await writeRandomFile(path.join(stage, 'data', `random-${index}.bin`), layer.randomBytes);
  }
}

/** Streams `size` random bytes to `file` in 1 MiB chunks, never holding more than one in memory. */
export async function writeRandomFile(file: string, size: number): Promise<void> {
  const CHUNK = 1024 * 1024;
  async function* chunks() {
    for (let left = size; left > 0; left -= CHUNK) yield randomBytes(Math.min(CHUNK, left));
  }
  await pipeline(Readable.from(chunks()), createWriteStream(file));
}

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: { architecture: string; os: string; variant?: string };
}

interface OciIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
}

const REF_NAME = 'org.opencontainers.image.ref.name';

async function readIndex(layout: string): Promise<OciIndex> {
  return JSON.parse(await readFile(path.join(layout, 'index.json'), 'utf8')) as OciIndex;
}

async function findTag(layout: string, tag: string): Promise<Descriptor> {
  const desc = (await readIndex(layout)).manifests.find((d) => d.annotations?.[REF_NAME] === tag);
  if (!desc) throw new Error(`tag ${tag} not found in ${layout}/index.json`);
  return desc;
}

export interface BuildMultiArchOptions extends Omit<BuildImageOptions, 'arch' | 'layers'> {
  arches?: Array<'amd64' | 'arm64'>;
  /** Default: one small layer naming the architecture, so every child has its own layer. */
  layers?: (arch: 'amd64' | 'arm64') => LayerSpec[];
}

export interface MultiArchImage {
  layout: string;
  tag: string;
  /** `oci:<layout>:<tag>`: the OCI index, for `skopeo copy --all`. */
  ref: string;
  /** Digest of the index. */
  digest: string;
  /** One image per architecture, tagged `<tag>-<arch>` in the same layout (for `buildah manifest add`). */
  children: Array<BuiltImage & { arch: 'amd64' | 'arm64'; os: string }>;
}

/**
 * Builds one image per architecture with umoci, then writes an OCI image index over them under `tag`.
 * Push it with `skopeo copy --all <ref> docker://…`, or add `children[].ref` to a buildah manifest list and
 * `buildah manifest push --all` (see clients.ts).
 */
export async function buildMultiArch(opts: BuildMultiArchOptions): Promise<MultiArchImage> {
  const arches = opts.arches ?? ['amd64', 'arm64'];
  const os = opts.os ?? 'linux';
  const children: MultiArchImage['children'] = [];
  for (const arch of arches) {
    const layers = opts.layers?.(arch) ?? [{ files: { 'etc/berth-arch': `${arch}\n` } }];
    const built = await buildImage({ ...opts, tag: `${opts.tag}-${arch}`, arch, os, layers });
    children.push({ ...built, arch, os });
  }

  const index: OciIndex = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: children.map((c) => ({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: c.digest,
      size: c.size,
      platform: { architecture: c.arch, os: c.os },
    })),
  };
  const bytes = Buffer.from(JSON.stringify(index));
  const hex = createHash('sha256').update(bytes).digest('hex');
  const layout = children[0].layout;
  await writeFile(path.join(layout, 'blobs', 'sha256', hex), bytes);

  const top = await readIndex(layout);
  top.manifests = top.manifests.filter((d) => d.annotations?.[REF_NAME] !== opts.tag);
  top.manifests.push({
    mediaType: 'application/vnd.oci.image.index.v1+json',
    digest: `sha256:${hex}`,
    size: bytes.length,
    annotations: { [REF_NAME]: opts.tag },
  });
  await writeFile(path.join(layout, 'index.json'), JSON.stringify(top));
  return { layout, tag: opts.tag, ref: `oci:${layout}:${opts.tag}`, digest: `sha256:${hex}`, children };
}
