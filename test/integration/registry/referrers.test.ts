// OCI Distribution Spec 1.1: the referrers API (end-12a, end-12b) and manifests with a `subject`.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCode, putManifest, randomRepo, sha256, useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
const c = useAdminClient(reg);

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const EMPTY_JSON = 'application/vnd.oci.empty.v1+json';
const SBOM = 'application/vnd.example.sbom.v1+json';
const SIGNATURE = 'application/vnd.example.signature.v1';

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

interface ReferrersIndex {
  schemaVersion: number;
  mediaType: string;
  manifests: Descriptor[];
}

/** Pushes an image to `name:tag` and returns its descriptor. */
async function pushSubject(name: string, tag = 'v1'): Promise<Descriptor> {
  const { digest, body } = await c.pushImage(name, tag);
  return { mediaType: OCI_MANIFEST, digest, size: body.length };
}

/**
 * An artifact manifest (OCI image-spec 1.1 guidance: empty config, `artifactType`) about `subject`, not pushed.
 * Pushes its empty config and one layer blob.
 */
async function artifact(name: string, subject: Descriptor, artifactType: string, annotations: Record<string, string> = {}) {
  const empty = Buffer.from('{}');
  const layer = Buffer.from(JSON.stringify({ sbom: randomBytes(8).toString('hex') }));
  return {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType,
    config: { mediaType: EMPTY_JSON, digest: await c.pushBlob(name, empty), size: empty.length },
    layers: [{ mediaType: 'application/json', digest: await c.pushBlob(name, layer), size: layer.length }],
    subject,
    annotations,
  };
}

async function referrers(name: string, digest: string, query = ''): Promise<{ res: Response; index: ReferrersIndex }> {
  const res = await c.fetch(`/v2/${name}/referrers/${digest}${query}`);
  expect(res.status).toBe(200);
  return { res, index: (await res.json()) as ReferrersIndex };
}

describe('GET /v2/<name>/referrers/<digest>', () => {
  it('answers an empty image index when nothing refers to the digest', async () => {
    const name = randomRepo();
    const subject = await pushSubject(name);
    for (const digest of [subject.digest, sha256(randomBytes(8))]) {
      const { res, index } = await referrers(name, digest);
      expect(res.headers.get('content-type')).toBe(OCI_INDEX);
      expect(index).toEqual({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] });
    }
  });

  it('lists an artifact with its mediaType, digest, size, artifactType and annotations', async () => {
    const name = randomRepo();
    const subject = await pushSubject(name);
    const annotations = { 'org.opencontainers.image.created': '2024-01-01T00:00:00Z', 'org.example.sbom.format': 'json' };
    const sbom = await putManifest(c, name, 'sbom', await artifact(name, subject, SBOM, annotations));
    expect(sbom.res.status).toBe(201);
    const { res, index } = await referrers(name, subject.digest);
    expect(res.headers.get('content-type')).toBe(OCI_INDEX);
    expect(index.schemaVersion).toBe(2);
    expect(index.mediaType).toBe(OCI_INDEX);
    expect(index.manifests).toContainEqual({ mediaType: OCI_MANIFEST, digest: sbom.digest, size: sbom.body.length, artifactType: SBOM, annotations });
  });

  it('filters by artifactType and says so with OCI-Filters-Applied', async () => {
    const name = randomRepo();
    const subject = await pushSubject(name);
    const sbom = await putManifest(c, name, 'sbom', await artifact(name, subject, SBOM));
    const sig = await putManifest(c, name, 'sig', await artifact(name, subject, SIGNATURE));
    const all = await referrers(name, subject.digest);
    expect(all.index.manifests.map((d) => d.digest).sort()).toEqual([sbom.digest, sig.digest].sort());
    expect(all.res.headers.get('oci-filters-applied')).toBeNull();

    const filtered = await referrers(name, subject.digest, `?artifactType=${encodeURIComponent(SIGNATURE)}`);
    expect(filtered.res.headers.get('oci-filters-applied')).toBe('artifactType');
    expect(filtered.index.manifests.map((d) => d.digest)).toEqual([sig.digest]);
    expect(filtered.index.manifests[0]!.artifactType).toBe(SIGNATURE);

    const none = await referrers(name, subject.digest, `?artifactType=${encodeURIComponent('application/vnd.example.none')}`);
    expect(none.res.headers.get('oci-filters-applied')).toBe('artifactType');
    expect(none.index.manifests).toEqual([]);
  });

  it('accepts a referrer pushed before its subject, and lists it once the subject exists too', async () => {
    const name = randomRepo();
    // The subject's bytes are known (to compute its descriptor) but not pushed yet.
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', n: randomBytes(4).toString('hex') }));
    const image = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: await c.pushBlob(name, config), size: config.length },
      layers: [],
    };
    const imageBody = Buffer.from(JSON.stringify(image));
    const subject = { mediaType: OCI_MANIFEST, digest: sha256(imageBody), size: imageBody.length };

    const ref = await putManifest(c, name, 'early-sig', await artifact(name, subject, SIGNATURE));
    // OCI: a registry MUST accept a manifest whose subject does not exist yet.
    expect(ref.res.status).toBe(201);
    expect(ref.res.headers.get('oci-subject')).toBe(subject.digest);
    expect((await referrers(name, subject.digest)).index.manifests.map((d) => d.digest)).toEqual([ref.digest]);

    const pushedSubject = await putManifest(c, name, 'v1', imageBody, OCI_MANIFEST);
    expect(pushedSubject.res.status).toBe(201);
    expect(pushedSubject.digest).toBe(subject.digest);
    expect((await referrers(name, subject.digest)).index.manifests.map((d) => d.digest)).toEqual([ref.digest]);
  });

  it('uses the config mediaType as artifactType of an image manifest without artifactType', async () => {
    const name = randomRepo();
    const subject = await pushSubject(name);
    const { digest } = await c.pushImage(name, 'attached', { extra: { subject } });
    const { index } = await referrers(name, subject.digest);
    expect(index.manifests).toHaveLength(1);
    expect(index.manifests[0]!.digest).toBe(digest);
    expect(index.manifests[0]!.artifactType).toBe('application/vnd.oci.image.config.v1+json');
  });

  it('lists an index with a subject, omitting artifactType when the index has none', async () => {
    const name = randomRepo();
    const subject = await pushSubject(name);
    const child = await pushSubject(name, 'child');
    const plain = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [child], subject, annotations: { k: 'plain' } };
    const typed = { ...plain, artifactType: SBOM, annotations: { k: 'typed' } };
    const a = await putManifest(c, name, 'plain', plain);
    const b = await putManifest(c, name, 'typed', typed);
    expect(a.res.status).toBe(201);
    expect(b.res.status).toBe(201);
    expect(a.res.headers.get('oci-subject')).toBe(subject.digest);
    const { index } = await referrers(name, subject.digest);
    const byDigest = new Map(index.manifests.map((d) => [d.digest, d]));
    expect(byDigest.get(a.digest)).toEqual({ mediaType: OCI_INDEX, digest: a.digest, size: a.body.length, annotations: { k: 'plain' } });
    expect(byDigest.get(b.digest)).toEqual({ mediaType: OCI_INDEX, digest: b.digest, size: b.body.length, artifactType: SBOM, annotations: { k: 'typed' } });
  });

  it('lists only referrers in the same repository', async () => {
    const a = randomRepo();
    const b = randomRepo();
    const subject = await pushSubject(a);
    // The same subject bytes in b, with a referrer there.
    const subjectBody = Buffer.from(await (await c.fetch(`/v2/${a}/manifests/${subject.digest}`)).arrayBuffer());
    const manifest = JSON.parse(subjectBody.toString()) as { config: { digest: string }; layers: Array<{ digest: string }> };
    for (const d of [manifest.config.digest, ...manifest.layers.map((l) => l.digest)]) {
      expect((await c.fetch(`/v2/${b}/blobs/uploads/?mount=${d}&from=${a}`, { method: 'POST' })).status).toBe(201);
    }
    expect((await putManifest(c, b, 'v1', subjectBody, OCI_MANIFEST)).res.status).toBe(201);
    const inB = await putManifest(c, b, 'sig', await artifact(b, subject, SIGNATURE));
    expect(inB.res.status).toBe(201);
    expect((await referrers(a, subject.digest)).index.manifests).toEqual([]);
    expect((await referrers(b, subject.digest)).index.manifests.map((d) => d.digest)).toEqual([inB.digest]);
  });

  it('drops a referrer once its manifest is deleted', async () => {
    const name = randomRepo();
    const subject = await pushSubject(name);
    const sig = await putManifest(c, name, 'sig', await artifact(name, subject, SIGNATURE));
    expect((await referrers(name, subject.digest)).index.manifests).toHaveLength(1);
    expect((await c.fetch(`/v2/${name}/manifests/${sig.digest}`, { method: 'DELETE' })).status).toBe(202);
    expect((await referrers(name, subject.digest)).index.manifests).toEqual([]);
  });

  it('refuses an invalid digest with 400', async () => {
    const name = randomRepo();
    await pushSubject(name);
    for (const digest of ['sha256:xyz', 'notadigest', `sha256:${'A'.repeat(64)}`]) {
      const res = await c.fetch(`/v2/${name}/referrers/${digest}`);
      expect(res.status, digest).toBe(400);
      expect(await errorCode(res), digest).toBe('DIGEST_INVALID');
    }
  });
});
