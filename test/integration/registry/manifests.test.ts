// OCI Distribution Spec 1.1: pushing, pulling, checking and deleting manifests (end-3, end-7, end-9) for the four
// manifest types clients push, content negotiation, the size limit, subject and tag semantics. What PUT refuses is in
// manifest-validation.test.ts.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  MEDIA_TYPES,
  buildImageManifest,
  buildIndexManifest,
  errorCode,
  putManifest,
  putManifestByDigest,
  randomRepo,
  sha256,
  useAdminClient,
} from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
const c = useAdminClient(reg);

const MT = {
  oci: MEDIA_TYPES.ociManifest,
  ociIndex: MEDIA_TYPES.ociIndex,
  docker: MEDIA_TYPES.dockerManifest,
  dockerList: MEDIA_TYPES.dockerList,
} as const;
/** What docker and containerd send when pulling (one header, as Node joins repeated ones). */
const CLIENT_ACCEPT = [MT.docker, MT.dockerList, MT.oci, MT.ociIndex, 'application/vnd.docker.distribution.manifest.v1+prettyjws', 'application/json;q=0.5'].join(', ');

const imageManifest = (name: string, type: typeof MT.oci | typeof MT.docker = MT.oci, opts: { omitMediaType?: boolean } = {}) =>
  buildImageManifest(c, name, type, opts);
const indexManifest = (name: string, type: typeof MT.ociIndex | typeof MT.dockerList = MT.ociIndex) => buildIndexManifest(c, name, type);
const pushByDigest = (name: string, manifest: object) => putManifestByDigest(c, name, manifest);

const TYPES = [
  ['OCI image manifest', MT.oci],
  ['OCI image index', MT.ociIndex],
  ['Docker schema 2 manifest', MT.docker],
  ['Docker manifest list', MT.dockerList],
] as const;

async function build(name: string, type: string): Promise<object> {
  if (type === MT.oci || type === MT.docker) return imageManifest(name, type);
  return indexManifest(name, type as typeof MT.ociIndex | typeof MT.dockerList);
}

describe.each(TYPES)('%s', (_label, type) => {
  it('PUT by tag answers 201 with Location and digest; GET and HEAD by tag and digest return it', async () => {
    const name = randomRepo();
    const { res, body, digest } = await putManifest(c, name, 'v1', await build(name, type), type);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v2/${name}/manifests/${digest}`);
    expect(res.headers.get('docker-content-digest')).toBe(digest);
    for (const ref of ['v1', digest]) {
      const get = await c.fetch(`/v2/${name}/manifests/${ref}`, { headers: { Accept: type } });
      expect(get.status, ref).toBe(200);
      expect(get.headers.get('content-type'), ref).toBe(type);
      expect(get.headers.get('docker-content-digest'), ref).toBe(digest);
      expect(Buffer.from(await get.arrayBuffer()).equals(body), ref).toBe(true);
      const head = await c.fetch(`/v2/${name}/manifests/${ref}`, { method: 'HEAD', headers: { Accept: type } });
      expect(head.status, ref).toBe(200);
      expect(head.headers.get('content-type'), ref).toBe(type);
      expect(head.headers.get('content-length'), ref).toBe(String(body.length));
      expect(head.headers.get('docker-content-digest'), ref).toBe(digest);
      expect((await head.arrayBuffer()).byteLength, ref).toBe(0);
    }
  });

  it('PUT by digest answers 201 and creates no tag', async () => {
    const name = randomRepo();
    const { res, body, digest } = await pushByDigest(name, await build(name, type));
    expect(res.status).toBe(201);
    expect(res.headers.get('docker-content-digest')).toBe(digest);
    const get = await c.fetch(`/v2/${name}/manifests/${digest}`);
    expect(get.status).toBe(200);
    expect(Buffer.from(await get.arrayBuffer()).equals(body)).toBe(true);
    const tags = (await (await c.fetch(`/v2/${name}/tags/list`)).json()) as { tags: string[] };
    expect(tags.tags).toEqual([]);
  });
});

describe('media type', () => {
  it('comes from Content-Type when the body has no mediaType field (as umoci writes)', async () => {
    const name = randomRepo();
    const image = await imageManifest(name, MT.oci, { omitMediaType: true });
    const a = await putManifest(c, name, 'image', image, MT.oci);
    expect(a.res.status).toBe(201);
    const index = { schemaVersion: 2, manifests: [{ mediaType: MT.oci, digest: a.digest, size: a.body.length }] };
    const b = await putManifest(c, name, 'index', index, MT.ociIndex);
    expect(b.res.status).toBe(201);
    for (const [tag, type] of [['image', MT.oci], ['index', MT.ociIndex]] as const) {
      const res = await c.fetch(`/v2/${name}/manifests/${tag}`);
      expect(res.headers.get('content-type'), tag).toBe(type);
    }
  });

  it('ignores Content-Type parameters', async () => {
    const name = randomRepo();
    const { res, digest } = await putManifest(c, name, 'v1', await imageManifest(name), `${MT.oci}; charset=utf-8`);
    expect(res.status).toBe(201);
    expect((await c.fetch(`/v2/${name}/manifests/${digest}`)).headers.get('content-type')).toBe(MT.oci);
  });

  it('refuses a body whose mediaType differs from Content-Type with MANIFEST_INVALID', async () => {
    const name = randomRepo();
    const { res } = await putManifest(c, name, 'v1', await imageManifest(name, MT.oci), MT.docker);
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('MANIFEST_INVALID');
    expect((await c.fetch(`/v2/${name}/manifests/v1`)).status).toBe(404);
  });
});

describe('content negotiation', () => {
  it('serves an OCI manifest only to clients that accept it', async () => {
    const name = randomRepo();
    const { digest } = await putManifest(c, name, 'v1', await imageManifest(name));
    const cases: Array<[string, Record<string, string>, number]> = [
      ['Docker types only', { Accept: `${MT.docker}, ${MT.dockerList}` }, 404],
      ['no Accept', {}, 200],
      ['*/*', { Accept: '*/*' }, 200],
      ['what real clients send', { Accept: CLIENT_ACCEPT }, 200],
      ['with q-values', { Accept: `${MT.docker};q=0.9, ${MT.oci};q=0.5` }, 200],
    ];
    for (const [label, headers, status] of cases) {
      for (const method of ['GET', 'HEAD']) {
        const res = await c.fetch(`/v2/${name}/manifests/${digest}`, { method, headers });
        expect(res.status, `${method} ${label}`).toBe(status);
        if (status === 200) expect(res.headers.get('content-type'), label).toBe(MT.oci);
        if (status === 404 && method === 'GET') expect(await errorCode(res), label).toBe('MANIFEST_UNKNOWN');
      }
    }
  });

  it('serves a Docker manifest only to clients that accept it', async () => {
    const name = randomRepo();
    await putManifest(c, name, 'v1', await imageManifest(name, MT.docker));
    const refused = await c.fetch(`/v2/${name}/manifests/v1`, { headers: { Accept: `${MT.oci}, ${MT.ociIndex}` } });
    expect(refused.status).toBe(404);
    expect(await errorCode(refused)).toBe('MANIFEST_UNKNOWN');
    const ok = await c.fetch(`/v2/${name}/manifests/v1`, { headers: { Accept: CLIENT_ACCEPT } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe(MT.docker);
  });
});

describe('size limit', () => {
  /** An OCI manifest padded with an annotation to exactly `size` bytes. */
  async function manifestOfSize(name: string, size: number): Promise<Buffer> {
    const base = { ...(await imageManifest(name)), annotations: { pad: '' } };
    const empty = Buffer.byteLength(JSON.stringify(base));
    base.annotations.pad = 'x'.repeat(size - empty);
    const body = Buffer.from(JSON.stringify(base));
    expect(body.length).toBe(size);
    return body;
  }

  it('accepts a 4 MiB manifest (OCI: registries SHOULD accept at least 4 MB)', async () => {
    const name = randomRepo();
    const body = await manifestOfSize(name, 4 * 1024 * 1024);
    const { res } = await putManifest(c, name, 'big', body, MT.oci);
    expect(res.status).toBe(201);
    const head = await c.fetch(`/v2/${name}/manifests/big`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(body.length));
  });

  it('refuses 4 MiB + 1 byte with 413 and MANIFEST_INVALID', async () => {
    const name = randomRepo();
    const body = await manifestOfSize(name, 4 * 1024 * 1024 + 1);
    const { res } = await putManifest(c, name, 'big', body, MT.oci);
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('MANIFEST_INVALID');
    expect((await c.fetch(`/v2/${name}/manifests/big`, { method: 'HEAD' })).status).toBe(404);
  });
});

describe('subject', () => {
  it('answers OCI-Subject with the subject digest when the manifest has one', async () => {
    const name = randomRepo();
    const subject = await putManifest(c, name, 'v1', await imageManifest(name));
    const referrer = { ...(await imageManifest(name)), subject: { mediaType: MT.oci, digest: subject.digest, size: subject.body.length } };
    const { res } = await putManifest(c, name, 'sig', referrer);
    expect(res.status).toBe(201);
    expect(res.headers.get('oci-subject')).toBe(subject.digest);
    expect(subject.res.headers.get('oci-subject')).toBeNull();
  });
});

describe('tags', () => {
  it('DELETE by tag removes only that tag', async () => {
    const name = randomRepo();
    const m = await imageManifest(name);
    const { digest } = await putManifest(c, name, 'a', m);
    expect((await putManifest(c, name, 'b', m)).res.status).toBe(201);
    const del = await c.fetch(`/v2/${name}/manifests/a`, { method: 'DELETE' });
    expect(del.status).toBe(202);
    const gone = await c.fetch(`/v2/${name}/manifests/a`);
    expect(gone.status).toBe(404);
    expect(await errorCode(gone)).toBe('MANIFEST_UNKNOWN');
    expect((await c.fetch(`/v2/${name}/manifests/${digest}`)).status).toBe(200);
    expect((await c.fetch(`/v2/${name}/manifests/b`)).headers.get('docker-content-digest')).toBe(digest);
    expect(((await (await c.fetch(`/v2/${name}/tags/list`)).json()) as { tags: string[] }).tags).toEqual(['b']);
  });

  it('DELETE by digest removes the manifest and every tag pointing at it', async () => {
    const name = randomRepo();
    const m = await imageManifest(name);
    const { digest } = await putManifest(c, name, 'a', m);
    await putManifest(c, name, 'b', m);
    const keep = await putManifest(c, name, 'keep', await imageManifest(name));
    const del = await c.fetch(`/v2/${name}/manifests/${digest}`, { method: 'DELETE' });
    expect(del.status).toBe(202);
    for (const ref of [digest, 'a', 'b']) {
      const res = await c.fetch(`/v2/${name}/manifests/${ref}`);
      expect(res.status, ref).toBe(404);
      expect(await errorCode(res), ref).toBe('MANIFEST_UNKNOWN');
    }
    expect((await c.fetch(`/v2/${name}/manifests/keep`)).headers.get('docker-content-digest')).toBe(keep.digest);
    expect(((await (await c.fetch(`/v2/${name}/tags/list`)).json()) as { tags: string[] }).tags).toEqual(['keep']);
  });

  it('answers 404 MANIFEST_UNKNOWN for unknown tags and digests on GET, HEAD and DELETE', async () => {
    const name = randomRepo();
    await putManifest(c, name, 'v1', await imageManifest(name));
    for (const ref of ['nope', sha256(randomBytes(8))]) {
      for (const method of ['GET', 'HEAD', 'DELETE']) {
        const res = await c.fetch(`/v2/${name}/manifests/${ref}`, { method });
        expect(res.status, `${method} ${ref}`).toBe(404);
        if (method !== 'HEAD') expect(await errorCode(res), `${method} ${ref}`).toBe('MANIFEST_UNKNOWN');
      }
    }
  });

  it('refuses invalid tags on PUT and DELETE with 400, finds no manifest for them on GET (404), and accepts a 128-character tag', async () => {
    const name = randomRepo();
    const m = await imageManifest(name);
    for (const tag of ['-bad', '.bad', 'a'.repeat(129), 'bad!tag']) {
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const res = method === 'PUT' ? (await putManifest(c, name, tag, m)).res : await c.fetch(`/v2/${name}/manifests/${tag}`, { method });
        expect(res.status, `${method} ${tag.slice(0, 20)}`).toBe(method === 'GET' ? 404 : 400);
      }
    }
    const long = `A_${'b'.repeat(126)}`;
    expect((await putManifest(c, name, long, m)).res.status).toBe(201);
    expect((await c.fetch(`/v2/${name}/manifests/${long}`)).status).toBe(200);
  });

  it('moves a tag re-pushed with another manifest; the old manifest stays by digest', async () => {
    const name = randomRepo();
    const first = await putManifest(c, name, 'latest', await imageManifest(name));
    const second = await putManifest(c, name, 'latest', await imageManifest(name));
    expect(second.res.status).toBe(201);
    expect(second.digest).not.toBe(first.digest);
    const res = await c.fetch(`/v2/${name}/manifests/latest`);
    expect(res.headers.get('docker-content-digest')).toBe(second.digest);
    expect(Buffer.from(await res.arrayBuffer()).equals(second.body)).toBe(true);
    expect((await c.fetch(`/v2/${name}/manifests/${first.digest}`)).status).toBe(200);
    // Pushing the same bytes again is idempotent.
    expect((await putManifest(c, name, 'latest', second.body, MT.oci)).res.status).toBe(201);
    expect(((await (await c.fetch(`/v2/${name}/tags/list`)).json()) as { tags: string[] }).tags).toEqual(['latest']);
  });
});
