// Multi-architecture images: `buildah manifest push --all` of an amd64 + arm64 list (children by digest, then the
// index), read back with skopeo: the index's platforms, each child by digest, and platform selection from the tag.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildahManifestAddOk,
  buildahManifestCreateOk,
  buildahManifestPushAllOk,
  buildahStore,
  expectOk,
  skopeoCopyOk,
  skopeoInspect,
} from '../support/clients';
import { randomName } from '../support/database';
import { buildMultiArch, type MultiArchImage } from '../support/images';
import { useTestRegistry } from '../support/registry';
import { useTempDirs } from '../support/temp-dirs';
import { requireTool } from '../support/tools';
import {
  DOCKER_LIST,
  DOCKER_MANIFEST,
  OCI_INDEX,
  OCI_MANIFEST,
  randomRepoName,
  readDirImage,
  sha256Of,
  skopeoRaw,
  type ImageIndex,
  type ImageManifest,
} from './helpers';

const reg = useTestRegistry();
let multi: MultiArchImage;
const dirs = useTempDirs();

beforeAll(async () => {
  for (const tool of ['skopeo', 'buildah', 'umoci', 'unshare']) requireTool(tool);
  multi = await buildMultiArch({ dir: await dirs.make(), tag: 'multi' });
});

const creds = () => ({ username: reg.admin.username, password: reg.admin.password });

/** Builds a buildah manifest list of both children in a fresh store and pushes it with --all. */
async function pushList(name: string, tag: string, format: 'oci' | 'v2s2') {
  const store = buildahStore(await dirs.make('berth-buildah-'));
  const list = randomName('list');
  await buildahManifestCreateOk(list, { store });
  for (const child of multi.children) await buildahManifestAddOk(list, child.ref, { store });
  await buildahManifestPushAllOk(list, `docker://${reg.host}/${name}:${tag}`, { store, format, creds: creds() });
}

async function inspectRaw(ref: string): Promise<string> {
  const res = expectOk(await skopeoInspect(ref, { creds: creds(), raw: true }));
  return res.stdout;
}

async function inspectConfig(ref: string): Promise<{ architecture: string; os: string }> {
  const res = expectOk(await skopeoInspect(ref, { creds: creds(), raw: true, config: true }));
  return JSON.parse(res.stdout) as { architecture: string; os: string };
}

const platforms = (index: ImageIndex) =>
  index.manifests.map((m) => `${m.platform?.os}/${m.platform?.architecture}`).sort();

describe.each([
  { format: 'oci' as const, indexType: OCI_INDEX, childType: OCI_MANIFEST },
  { format: 'v2s2' as const, indexType: DOCKER_LIST, childType: DOCKER_MANIFEST },
])('buildah manifest push --all ($format)', ({ format, indexType, childType }) => {
  let name: string;
  let index: ImageIndex;
  let indexText: string;

  beforeAll(async () => {
    name = randomRepoName();
    await pushList(name, 'multi', format);
    indexText = await inspectRaw(`docker://${reg.host}/${name}:multi`);
    index = JSON.parse(indexText) as ImageIndex;
  });

  it('stores the list with both platforms', () => {
    expect(index.mediaType).toBe(indexType);
    expect(platforms(index)).toEqual(['linux/amd64', 'linux/arm64']);
    for (const child of index.manifests) expect(child.mediaType).toBe(childType);
    if (format === 'oci') {
      // Nothing needed converting: the children are the manifests umoci built.
      expect(index.manifests.map((m) => m.digest).sort()).toEqual(multi.children.map((c) => c.digest).sort());
    }
  });

  it('serves the list by its own digest', async () => {
    expect(await inspectRaw(`docker://${reg.host}/${name}@${sha256Of(indexText)}`)).toBe(indexText);
  });

  it('serves each child by digest, with the platform its config declares', async () => {
    for (const desc of index.manifests) {
      const ref = `docker://${reg.host}/${name}@${desc.digest}`;
      const text = await inspectRaw(ref);
      expect(sha256Of(text)).toBe(desc.digest);
      expect(Buffer.byteLength(text)).toBe(desc.size);
      expect((JSON.parse(text) as ImageManifest).mediaType ?? OCI_MANIFEST).toBe(childType);
      const config = await inspectConfig(ref);
      expect(`${config.os}/${config.architecture}`).toBe(`${desc.platform?.os}/${desc.platform?.architecture}`);

      const out = await dirs.make('berth-pull-');
      await skopeoCopyOk(ref, `dir:${out}`, { creds: creds() });
      const pulled = await readDirImage(out);
      expect(pulled.manifestDigest).toBe(desc.digest);
      for (const blob of [pulled.manifest.config, ...pulled.manifest.layers]) {
        expect(pulled.blobs.get(blob.digest)?.contentDigest).toBe(blob.digest);
      }
    }
  });

  it('resolves the tag to the arm64 child with --override-arch arm64', async () => {
    const arm = index.manifests.find((m) => m.platform?.architecture === 'arm64');
    expect(arm).toBeDefined();
    const out = await dirs.make('berth-pull-');
    const home = await dirs.make('berth-home-');
    const { username, password } = creds();
    const res = await skopeoRaw(
      ['--insecure-policy', '--override-arch', 'arm64', '--override-os', 'linux', 'copy', '--retry-times', '0',
        '--src-tls-verify=false', '--src-creds', `${username}:${password}`, `docker://${reg.host}/${name}:multi`, `dir:${out}`],
      home,
    );
    expect(res.code, res.stderr).toBe(0);
    expect((await readDirImage(out)).manifestDigest).toBe(arm!.digest);
  });
});
