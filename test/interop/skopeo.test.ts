// skopeo against Berth: push from an OCI layout, pull back into a `dir:`, in OCI and Docker schema 2 formats,
// list tags, delete, and a layer big enough to arrive in many socket reads of skopeo's single chunked PATCH.
import { beforeAll, describe, expect, it } from 'vitest';
import { skopeoCopy, skopeoCopyOk, skopeoDelete, skopeoDeleteOk, skopeoInspect, skopeoInspectOk, skopeoListTagsOk } from '../support/clients';
import { buildImage, type BuiltImage } from '../support/images';
import { useTestRegistry } from '../support/registry';
import { useTempDirs } from '../support/temp-dirs';
import { requireTool } from '../support/tools';
import {
  DOCKER_MANIFEST,
  OCI_MANIFEST,
  clientError,
  randomRepoName,
  readDirImage,
  readLayoutBlob,
  sha256Of,
  type ImageManifest,
} from './helpers';

const reg = useTestRegistry();
let image: BuiltImage;
let source: ImageManifest;
const dirs = useTempDirs();

beforeAll(async () => {
  for (const tool of ['skopeo', 'umoci', 'unshare']) requireTool(tool);
  image = await buildImage({
    dir: await dirs.make(),
    tag: 'src',
    layers: [{ files: { 'etc/motd': `hello from ${randomRepoName()}\n` } }, { randomBytes: 256 * 1024 }],
    labels: { 'org.example.test': 'skopeo' },
  });
  source = JSON.parse((await readLayoutBlob(image.layout, image.digest)).toString('utf8')) as ImageManifest;
});

const admin = () => ({ creds: { username: reg.admin.username, password: reg.admin.password } });
const ref = (name: string, reference: string) =>
  `docker://${reg.host}/${name}${reference.startsWith('sha256:') ? '@' : ':'}${reference}`;

/** Pulls `src` into a fresh `dir:` and checks every blob's bytes hash to its name and its descriptor's size. */
async function pullToDir(src: string) {
  const out = await dirs.make('berth-pull-');
  await skopeoCopyOk(src, `dir:${out}`, admin());
  const pulled = await readDirImage(out);
  for (const desc of [pulled.manifest.config, ...pulled.manifest.layers]) {
    expect(pulled.blobs.get(desc.digest), `blob ${desc.digest} pulled`).toEqual({ contentDigest: desc.digest, size: desc.size });
  }
  return pulled;
}

const blobDigests = (m: ImageManifest) => [m.config.digest, ...m.layers.map((l) => l.digest)];

describe('skopeo push and pull', () => {
  it('round-trips an OCI image byte for byte', async () => {
    const name = randomRepoName();
    await skopeoCopyOk(image.ref, ref(name, 'v1'), admin());

    // No conversion was needed, so the registry must hold exactly the manifest umoci wrote.
    const raw = expectOkRaw(await skopeoInspect(ref(name, 'v1'), { ...admin(), raw: true }));
    expect(sha256Of(raw)).toBe(image.digest);

    const pulled = await pullToDir(ref(name, 'v1'));
    expect(pulled.manifestDigest).toBe(image.digest);
    expect(blobDigests(pulled.manifest)).toEqual(blobDigests(source));

    // umoci writes no `mediaType` in the manifest: the registry must have kept the type skopeo sent.
    const res = await fetch(`${reg.url}/v2/${name}/manifests/v1`, {
      method: 'HEAD',
      headers: { Authorization: reg.basic(reg.admin), Accept: `${OCI_MANIFEST}, ${DOCKER_MANIFEST}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(OCI_MANIFEST);
    expect(res.headers.get('docker-content-digest')).toBe(image.digest);
  });

  it('round-trips an image converted to Docker schema 2 (--format v2s2)', async () => {
    const name = randomRepoName();
    await skopeoCopyOk(image.ref, ref(name, 'v2s2'), { ...admin(), format: 'v2s2' });

    const raw = expectOkRaw(await skopeoInspect(ref(name, 'v2s2'), { ...admin(), raw: true }));
    const stored = JSON.parse(raw) as ImageManifest;
    expect(stored.mediaType).toBe(DOCKER_MANIFEST);
    expect(stored.config.mediaType).toBe('application/vnd.docker.container.image.v1+json');
    expect(stored.layers.map((l) => l.mediaType)).toEqual(source.layers.map(() => 'application/vnd.docker.image.rootfs.diff.tar.gzip'));
    // Converting the manifest format leaves the layers' bytes alone.
    expect(stored.layers.map((l) => l.digest)).toEqual(source.layers.map((l) => l.digest));

    const pulled = await pullToDir(ref(name, 'v2s2'));
    expect(pulled.manifestDigest).toBe(sha256Of(raw));
    expect(blobDigests(pulled.manifest)).toEqual(blobDigests(stored));

    // …and the same manifest is reachable by the digest the client computed.
    const byDigest = expectOkRaw(await skopeoInspect(ref(name, sha256Of(raw)), { ...admin(), raw: true }));
    expect(byDigest).toBe(raw);
  });

  it('pushes and pulls a 3-layer image with a 30 MiB random layer', async () => {
    const big = await buildImage({
      dir: await dirs.make(),
      tag: 'big',
      layers: [{ files: { 'etc/a': 'a\n' } }, { randomBytes: 30 * 1024 * 1024 }, { files: { 'etc/b': `${randomRepoName()}\n` } }],
    });
    const bigManifest = JSON.parse((await readLayoutBlob(big.layout, big.digest)).toString('utf8')) as ImageManifest;
    expect(bigManifest.layers).toHaveLength(3);
    expect(bigManifest.layers[1].size).toBeGreaterThan(30 * 1024 * 1024);

    const name = randomRepoName();
    await skopeoCopyOk(big.ref, ref(name, 'big'), admin());
    const pulled = await pullToDir(ref(name, 'big'));
    expect(pulled.manifestDigest).toBe(big.digest);
    expect(blobDigests(pulled.manifest)).toEqual(blobDigests(bigManifest));
    expect(pulled.blobs.get(bigManifest.layers[1].digest)?.size).toBe(bigManifest.layers[1].size);
  });
});

describe('skopeo list-tags and delete', () => {
  it('lists every pushed tag', async () => {
    const name = randomRepoName();
    for (const tag of ['1.0', 'latest', 'edge']) await skopeoCopyOk(image.ref, ref(name, tag), admin());
    const { tags } = await skopeoListTagsOk(`docker://${reg.host}/${name}`, admin());
    expect([...(tags ?? [])].sort()).toEqual(['1.0', 'edge', 'latest']);
  });

  it('deletes a manifest by resolving its tag, after which it is unknown', async () => {
    const name = randomRepoName();
    await skopeoCopyOk(image.ref, ref(name, 'doomed'), admin());
    expect((await skopeoInspectOk<{ Digest: string }>(ref(name, 'doomed'), admin())).Digest).toBe(image.digest);

    await skopeoDeleteOk(ref(name, 'doomed'), admin());

    const gone = await skopeoInspect(ref(name, image.digest), { ...admin(), raw: true });
    expect(gone.code).not.toBe(0);
    expect(clientError(gone.stderr)).toContain('manifest unknown');
    // The tag went with the manifest it named.
    const tag = await skopeoInspect(ref(name, 'doomed'), { ...admin(), raw: true });
    expect(tag.code).not.toBe(0);
    expect(clientError(tag.stderr)).toContain('manifest unknown');
    // Deleting again finds nothing to delete.
    expect((await skopeoDelete(ref(name, 'doomed'), admin())).code).not.toBe(0);
    // A pull of the deleted image fails too.
    const out = await dirs.make('berth-pull-');
    expect((await skopeoCopy(ref(name, image.digest), `dir:${out}`, admin())).code).not.toBe(0);
  });
});

/** stdout of a `skopeo inspect --raw` that must have succeeded. */
function expectOkRaw(res: { code: number; stdout: string; stderr: string }): string {
  expect(res.code, res.stderr).toBe(0);
  return res.stdout;
}
