// OCI Distribution Spec 1.1: what a registry refuses on manifest PUT (end-7) — malformed documents, Docker
// schema 1, references to content the repository lacks, size mismatches, digest mismatches — and what it must keep
// (the exact bytes pushed).
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  MEDIA_TYPES,
  buildImageManifest,
  buildIndexManifest,
  errorCode,
  putManifest,
  randomRepo,
  sha256,
  useAdminClient,
} from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
const c = useAdminClient(reg);

const MT = { oci: MEDIA_TYPES.ociManifest, ociIndex: MEDIA_TYPES.ociIndex } as const;
const imageManifest = (name: string) => buildImageManifest(c, name);
const indexManifest = (name: string) => buildIndexManifest(c, name);

describe('validation', () => {
  it('refuses malformed manifests with 400 MANIFEST_INVALID', async () => {
    const name = randomRepo();
    const good = await imageManifest(name);
    const layer = good.layers[0]!;
    const cases: Array<[string, unknown]> = [
      ['invalid JSON', Buffer.from('{"schemaVersion": 2,')],
      ['not an object', [good]],
      ['missing config', { ...good, config: undefined }],
      ['layers not an array', { ...good, layers: layer }],
      ['bad layer digest', { ...good, layers: [{ ...layer, digest: 'sha256:xyz' }] }],
      ['uppercase digest', { ...good, layers: [{ ...layer, digest: layer.digest.toUpperCase().replace('SHA256', 'sha256') }] }],
      ['negative size', { ...good, layers: [{ ...layer, size: -1 }] }],
      ['fractional size', { ...good, layers: [{ ...layer, size: 1.5 }] }],
      ['missing descriptor mediaType', { ...good, layers: [{ digest: layer.digest, size: layer.size }] }],
      ['schemaVersion 3', { ...good, schemaVersion: 3 }],
      ['missing schemaVersion', { ...good, schemaVersion: undefined }],
      ['index without manifests', { schemaVersion: 2, mediaType: MT.ociIndex }],
      ['annotations not strings', { ...good, annotations: { a: 1 } }],
    ];
    for (const [label, manifest] of cases) {
      const { res } = await putManifest(c, name, 'v1', manifest, (manifest as { mediaType?: string })?.mediaType ?? MT.oci);
      expect(res.status, label).toBe(400);
      expect(await errorCode(res), label).toBe('MANIFEST_INVALID');
    }
    expect((await c.fetch(`/v2/${name}/manifests/v1`)).status).toBe(404);
  });

  it('refuses Docker schema 1 manifests with 400', async () => {
    const name = randomRepo();
    const schema1 = { schemaVersion: 1, name, tag: 'v1', architecture: 'amd64', fsLayers: [], history: [], signatures: [] };
    for (const type of ['application/vnd.docker.distribution.manifest.v1+prettyjws', 'application/vnd.docker.distribution.manifest.v1+json']) {
      const { res } = await putManifest(c, name, 'v1', schema1, type);
      expect(res.status, type).toBe(400);
      expect(['MANIFEST_INVALID', 'UNSUPPORTED'], type).toContain(await errorCode(res));
    }
    expect((await c.fetch(`/v2/${name}/manifests/v1`)).status).toBe(404);
  });

  it('refuses references to blobs the repository does not have with MANIFEST_BLOB_UNKNOWN', async () => {
    const name = randomRepo();
    const other = randomRepo();
    const good = await imageManifest(name);
    const elsewhere = Buffer.from('only in another repository');
    const missing = [
      ['missing layer', { ...good, layers: [...good.layers, { mediaType: good.layers[0]!.mediaType, digest: sha256(randomBytes(9)), size: 9 }] }],
      ['missing config', { ...good, config: { ...good.config, digest: sha256(randomBytes(9)), size: 9 } }],
      ['layer only in another repository', { ...good, layers: [{ mediaType: good.layers[0]!.mediaType, digest: await c.pushBlob(other, elsewhere), size: elsewhere.length }] }],
    ] as const;
    for (const [label, manifest] of missing) {
      const { res } = await putManifest(c, name, 'v1', manifest);
      expect(res.status, label).toBe(400);
      expect(await errorCode(res), label).toBe('MANIFEST_BLOB_UNKNOWN');
    }
  });

  it('refuses an index referencing a manifest the repository does not have with MANIFEST_BLOB_UNKNOWN', async () => {
    const name = randomRepo();
    const index = await indexManifest(name);
    index.manifests.push({ ...index.manifests[0]!, digest: sha256(randomBytes(20)) });
    const { res } = await putManifest(c, name, 'v1', index);
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('MANIFEST_BLOB_UNKNOWN');
  });

  it('refuses descriptors whose size differs from the content with MANIFEST_INVALID', async () => {
    const name = randomRepo();
    const image = await imageManifest(name);
    const badLayer = { ...image, layers: [{ ...image.layers[0]!, size: image.layers[0]!.size + 1 }] };
    const r1 = await putManifest(c, name, 'v1', badLayer);
    expect(r1.res.status).toBe(400);
    expect(await errorCode(r1.res)).toBe('MANIFEST_INVALID');
    const index = await indexManifest(name);
    const badChild = { ...index, manifests: [{ ...index.manifests[0]!, size: index.manifests[0]!.size - 1 }] };
    const r2 = await putManifest(c, name, 'v2', badChild);
    expect(r2.res.status).toBe(400);
    expect(await errorCode(r2.res)).toBe('MANIFEST_INVALID');
  });

  it('refuses a PUT by digest whose body has another digest with DIGEST_INVALID', async () => {
    const name = randomRepo();
    const body = Buffer.from(JSON.stringify(await imageManifest(name)));
    const other = sha256(Buffer.concat([body, Buffer.from(' ')]));
    const { res } = await putManifest(c, name, other, body, MT.oci);
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('DIGEST_INVALID');
    expect((await c.fetch(`/v2/${name}/manifests/${other}`)).status).toBe(404);
    expect((await c.fetch(`/v2/${name}/manifests/${sha256(body)}`)).status).toBe(404);
  });

  it('stores the exact bytes pushed, including whitespace, and addresses them by sha512 when pushed so', async () => {
    const name = randomRepo();
    const body = Buffer.from(`${JSON.stringify(await imageManifest(name), null, 3)}\n`);
    const d512 = `sha512:${createHash('sha512').update(body).digest('hex')}`;
    const { res } = await putManifest(c, name, d512, body, MT.oci);
    expect(res.status).toBe(201);
    expect(res.headers.get('docker-content-digest')).toBe(d512);
    const get = await c.fetch(`/v2/${name}/manifests/${d512}`);
    expect(get.status).toBe(200);
    expect(Buffer.from(await get.arrayBuffer()).equals(body)).toBe(true);
  });
});
