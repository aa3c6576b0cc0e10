// Referrers (OCI Distribution 1.1): an image pushed by skopeo, an SBOM-like artifact about it, listed by the
// referrers API and readable by a real client.
//
// No real client available here can push an artifact with a `subject` (skopeo 1.9, podman 4.3 and buildah 1.28
// predate it; oras, crane and regctl are not installed), so the artifact goes through the protocol client.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectOk, skopeoCopyOk, skopeoInspect } from '../support/clients';
import { buildImage } from '../support/images';
import { putManifest, useAdminClient } from '../support/oci-client';
import { useTestRegistry } from '../support/registry';
import { useTempDirs } from '../support/temp-dirs';
import { requireTool } from '../support/tools';
import { OCI_INDEX, OCI_MANIFEST, randomRepoName, readDirImage, sha256Of, type ImageIndex, type ImageManifest } from './helpers';

const EMPTY_CONFIG = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
};
const SBOM_TYPE = 'application/vnd.example.sbom.v1';

const reg = useTestRegistry();
const oci = useAdminClient(reg);
const dirs = useTempDirs();

beforeAll(async () => {
  for (const tool of ['skopeo', 'umoci', 'unshare']) requireTool(tool);
});

const creds = () => ({ username: reg.admin.username, password: reg.admin.password });

async function inspectRaw(ref: string): Promise<string> {
  return expectOk(await skopeoInspect(ref, { creds: creds(), raw: true })).stdout;
}

describe('referrers of an image pushed by skopeo', () => {
  let name: string;
  let subject: { mediaType: string; digest: string; size: number };
  let artifact: { digest: string; body: Buffer };

  beforeAll(async () => {
    name = randomRepoName();
    const image = await buildImage({ dir: await dirs.make(), tag: 'app', layers: [{ files: { 'etc/app': `${name}\n` } }] });
    await skopeoCopyOk(image.ref, `docker://${reg.host}/${name}:app`, { creds: creds() });
    const raw = await inspectRaw(`docker://${reg.host}/${name}:app`);
    subject = { mediaType: OCI_MANIFEST, digest: sha256Of(raw), size: Buffer.byteLength(raw) };
    expect(subject.digest).toBe(image.digest);

    expect(await oci.pushBlob(name, Buffer.from('{}'))).toBe(EMPTY_CONFIG.digest);
    const sbom = Buffer.from(JSON.stringify({ spdxVersion: 'SPDX-2.3', name, nonce: randomBytes(8).toString('hex') }));
    const sbomDigest = await oci.pushBlob(name, sbom);
    const manifest = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: SBOM_TYPE,
      config: EMPTY_CONFIG,
      layers: [{ mediaType: 'application/spdx+json', digest: sbomDigest, size: sbom.length }],
      subject,
      annotations: { 'org.opencontainers.image.created': '2024-01-01T00:00:00Z' },
    };
    // Pushed by digest, untagged, as artifact tools do.
    const pushed = await putManifest(oci, name, sha256Of(JSON.stringify(manifest)), manifest);
    expect(pushed.res.status).toBe(201);
    // OCI 1.1: a registry that supports referrers says so with OCI-Subject on the push of a manifest with a subject.
    expect(pushed.res.headers.get('oci-subject')).toBe(subject.digest);
    artifact = { digest: pushed.digest, body: pushed.body };
  });

  it('lists the artifact in the referrers index of the image', async () => {
    const res = await oci.fetch(`/v2/${name}/referrers/${subject.digest}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(OCI_INDEX);
    const index = (await res.json()) as ImageIndex;
    expect(index.mediaType).toBe(OCI_INDEX);
    expect(index.manifests).toEqual([
      expect.objectContaining({
        mediaType: OCI_MANIFEST,
        digest: artifact.digest,
        size: artifact.body.length,
        artifactType: SBOM_TYPE,
      }),
    ]);

    const filtered = await oci.fetch(`/v2/${name}/referrers/${subject.digest}?artifactType=${encodeURIComponent(SBOM_TYPE)}`);
    expect(((await filtered.json()) as ImageIndex).manifests.map((m) => m.digest)).toEqual([artifact.digest]);
    const other = await oci.fetch(`/v2/${name}/referrers/${subject.digest}?artifactType=application%2Fvnd.example.other`);
    expect(((await other.json()) as ImageIndex).manifests).toEqual([]);
  });

  it('serves the artifact to skopeo byte for byte', async () => {
    const raw = await inspectRaw(`docker://${reg.host}/${name}@${artifact.digest}`);
    expect(raw).toBe(artifact.body.toString('utf8'));
    const parsed = JSON.parse(raw) as ImageManifest;
    expect(parsed.artifactType).toBe(SBOM_TYPE);
    expect(parsed.subject?.digest).toBe(subject.digest);
  });

  it('leaves the image itself pullable and unchanged', async () => {
    expect(sha256Of(await inspectRaw(`docker://${reg.host}/${name}:app`))).toBe(subject.digest);
    const out = await dirs.make('berth-pull-');
    await skopeoCopyOk(`docker://${reg.host}/${name}:app`, `dir:${out}`, { creds: creds() });
    expect((await readDirImage(out)).manifestDigest).toBe(subject.digest);
  });

  it('lists nothing for an image without referrers', async () => {
    const res = await oci.fetch(`/v2/${name}/referrers/${sha256Of(randomBytes(16))}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as ImageIndex).manifests).toEqual([]);
  });
});
