import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { fileFixture } from './file-fixture';
import type { TestRegistry, TestUser } from './registry';

/** A minimal distribution-API client over fetch, for protocol tests. */
export class OciClient {
  constructor(
    readonly reg: TestRegistry,
    readonly user: TestUser | null,
  ) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.user ? { Authorization: this.reg.basic(this.user) } : {}), ...extra };
  }

  fetch(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
    const url = path.startsWith('http') ? path : `${this.reg.url}${path}`;
    return fetch(url, { ...init, headers: this.headers(init.headers ?? {}), redirect: 'manual', ...(init.body ? { duplex: 'half' } : {}) } as RequestInit);
  }

  async pushBlob(name: string, data: Uint8Array): Promise<string> {
    const digest = sha256(data);
    const res = await this.fetch(`/v2/${name}/blobs/uploads/?digest=${digest}`, {
      method: 'POST',
      body: data as unknown as BodyInit,
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    if (res.status !== 201) throw new Error(`push blob: ${res.status} ${await res.text()}`);
    return digest;
  }

  /** Pushes an image manifest with a config and the given layers; returns its digest and body. */
  async pushImage(
    name: string,
    tag: string,
    opts: { layers?: Uint8Array[]; mediaType?: string; extra?: Record<string, unknown>; config?: Record<string, unknown> } = {},
  ) {
    const config = Buffer.from(
      JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, nonce: randomBytes(8).toString('hex'), ...opts.config }),
    );
    const configDigest = await this.pushBlob(name, config);
    const layers = opts.layers ?? [randomBytes(1024)];
    const layerDescs = [];
    for (const l of layers) layerDescs.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: await this.pushBlob(name, l), size: l.length });
    const mediaType = opts.mediaType ?? 'application/vnd.oci.image.manifest.v1+json';
    const manifest = {
      schemaVersion: 2,
      mediaType,
      config: { mediaType: mediaType.includes('docker') ? 'application/vnd.docker.container.image.v1+json' : 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
      layers: layerDescs.map((d) => (mediaType.includes('docker') ? { ...d, mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip' } : d)),
      ...opts.extra,
    };
    const body = Buffer.from(JSON.stringify(manifest));
    const res = await this.fetch(`/v2/${name}/manifests/${tag}`, { method: 'PUT', body, headers: { 'Content-Type': mediaType } });
    if (res.status !== 201) throw new Error(`push manifest: ${res.status} ${await res.text()}`);
    return { digest: sha256(body), body, manifest, configDigest };
  }
}

/** A client signed in as the admin of the test file's registry (from useTestRegistry), once that has started. */
export function useAdminClient(reg: TestRegistry): OciClient {
  return fileFixture(async () => new OciClient(reg, reg.admin));
}

export function sha256(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export async function errorCode(res: Response): Promise<string | undefined> {
  const body = (await res.json().catch(() => null)) as { errors?: Array<{ code: string }> } | null;
  return body?.errors?.[0]?.code;
}

// ---- Additional helpers for the protocol suite (test/integration/registry/*) ----

/** A random `<namespace>/<repo>` name, unique per call. */
export function randomRepo(): string {
  return `${randomBytesName('ns')}/${randomBytesName('r')}`;
}

function randomBytesName(prefix: string): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

/** The error codes the OCI Distribution Spec 1.1 allows in an error body. */
export const SPEC_ERROR_CODES: ReadonlySet<string> = new Set([
  'BLOB_UNKNOWN',
  'BLOB_UPLOAD_INVALID',
  'BLOB_UPLOAD_UNKNOWN',
  'DIGEST_INVALID',
  'MANIFEST_BLOB_UNKNOWN',
  'MANIFEST_INVALID',
  'MANIFEST_UNKNOWN',
  'NAME_INVALID',
  'NAME_UNKNOWN',
  'SIZE_INVALID',
  'UNAUTHORIZED',
  'DENIED',
  'UNSUPPORTED',
  'TOOMANYREQUESTS',
]);

/** `Range: 0-<end>` of an upload response, as the committed size (`0-0` is read as 0 bytes; it is ambiguous). */
export function uploadedSize(res: { headers: Headers }): number {
  const m = /^(?:bytes=)?0-(\d+)$/.exec(res.headers.get('range') ?? '');
  if (!m) throw new Error(`no upload Range header: ${res.headers.get('range')}`);
  const end = Number(m[1]);
  return end === 0 ? 0 : end + 1;
}

/** `location` with query parameters appended (the location may already carry some). */
export function withQuery(location: string, query: Record<string, string>): string {
  const u = new URL(location, 'http://placeholder.invalid');
  for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
  return location.startsWith('http') ? u.toString() : `${u.pathname}${u.search}`;
}

export interface UploadSession {
  /** The Location the registry returned (relative or absolute). */
  location: string;
  /** Docker-Upload-UUID. */
  id: string;
  res: Response;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One request over node:http with the path sent exactly as given (fetch normalises `..` and `%2e%2e`), on its own
 * connection. Resolves with the response even when the server answers before the request body was fully sent.
 */
export function rawRequest(
  reg: TestRegistry,
  opts: { method: string; path: string; headers?: Record<string, string>; body?: Uint8Array; user?: TestUser | null },
): Promise<RawResponse> {
  const { port } = new URL(reg.url);
  const headers: Record<string, string> = { ...(opts.user ? { Authorization: reg.basic(opts.user) } : {}), ...opts.headers };
  if (opts.body && headers['Content-Length'] === undefined) headers['Content-Length'] = String(opts.body.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: Number(port), method: opts.method, path: opts.path, headers, agent: false });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    // The server may close the connection while the body is still being written (EPIPE/ECONNRESET); only a
    // failure before any response is an error.
    req.on('error', (err) => {
      if (!answered) setImmediate(() => !answered && reject(err));
    });
    req.end(opts.body ? Buffer.from(opts.body) : undefined);
  });
}

/** The first error code of a raw JSON error body. */
export function rawErrorCode(res: RawResponse): string | undefined {
  try {
    return (JSON.parse(res.body.toString('utf8')) as { errors?: Array<{ code: string }> }).errors?.[0]?.code;
  } catch {
    return undefined;
  }
}

/** Opens an upload session (POST …/blobs/uploads/) and fails unless the registry answers 202 with a Location. */
export async function startUpload(c: OciClient, name: string): Promise<UploadSession> {
  const res = await c.fetch(`/v2/${name}/blobs/uploads/`, { method: 'POST', headers: { 'Content-Length': '0' } });
  const location = res.headers.get('location');
  if (res.status !== 202 || !location) throw new Error(`start upload: ${res.status} ${await res.text()}`);
  return { location, id: res.headers.get('docker-upload-uuid') ?? '', res };
}

/** PUTs a manifest (an object is serialised as JSON) and returns the response and the bytes sent. */
export async function putManifest(
  c: OciClient,
  name: string,
  reference: string,
  manifest: unknown,
  contentType?: string,
): Promise<{ res: Response; body: Buffer; digest: string }> {
  const body = manifest instanceof Uint8Array ? Buffer.from(manifest) : Buffer.from(JSON.stringify(manifest));
  const ct = contentType ?? (manifest as { mediaType?: string }).mediaType ?? 'application/vnd.oci.image.manifest.v1+json';
  const res = await c.fetch(`/v2/${name}/manifests/${reference}`, { method: 'PUT', body, headers: { 'Content-Type': ct } });
  return { res, body, digest: sha256(body) };
}

export const MEDIA_TYPES = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;

type ImageType = typeof MEDIA_TYPES.ociManifest | typeof MEDIA_TYPES.dockerManifest;
type IndexType = typeof MEDIA_TYPES.ociIndex | typeof MEDIA_TYPES.dockerList;

/** Pushes a random config and one layer to `name`; returns an image manifest object over them (not pushed). */
export async function buildImageManifest(c: OciClient, name: string, type: ImageType = MEDIA_TYPES.ociManifest, opts: { omitMediaType?: boolean } = {}) {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, n: randomBytes(4).toString('hex') }));
  const layer = randomBytes(512);
  const docker = type === MEDIA_TYPES.dockerManifest;
  return {
    schemaVersion: 2,
    ...(opts.omitMediaType ? {} : { mediaType: type }),
    config: { mediaType: docker ? 'application/vnd.docker.container.image.v1+json' : 'application/vnd.oci.image.config.v1+json', digest: await c.pushBlob(name, config), size: config.length },
    layers: [{ mediaType: docker ? 'application/vnd.docker.image.rootfs.diff.tar.gzip' : 'application/vnd.oci.image.layer.v1.tar+gzip', digest: await c.pushBlob(name, layer), size: layer.length }],
  };
}

/** Pushes two image manifests by digest to `name`; returns an index object of `type` over them (not pushed). */
export async function buildIndexManifest(c: OciClient, name: string, type: IndexType = MEDIA_TYPES.ociIndex, opts: { omitMediaType?: boolean } = {}) {
  const childType = type === MEDIA_TYPES.dockerList ? MEDIA_TYPES.dockerManifest : MEDIA_TYPES.ociManifest;
  const manifests = [];
  for (const architecture of ['amd64', 'arm64']) {
    const { res, body, digest } = await putManifestByDigest(c, name, await buildImageManifest(c, name, childType));
    if (res.status !== 201) throw new Error(`push child manifest: ${res.status} ${await res.text()}`);
    manifests.push({ mediaType: childType, digest, size: body.length, platform: { architecture, os: 'linux' } });
  }
  return { schemaVersion: 2, ...(opts.omitMediaType ? {} : { mediaType: type }), manifests };
}

/** PUTs a manifest object under its own sha256 digest. */
export function putManifestByDigest(c: OciClient, name: string, manifest: object, contentType?: string) {
  const body = Buffer.from(JSON.stringify(manifest));
  return putManifest(c, name, sha256(body), body, contentType ?? (manifest as { mediaType?: string }).mediaType);
}

/** GET of a blob: status and bytes. */
export async function readBlob(c: OciClient, name: string, digest: string): Promise<{ status: number; body: Buffer }> {
  const res = await c.fetch(`/v2/${name}/blobs/${digest}`);
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

/** PATCH of a chunk to an upload location, with a Content-Range when given. */
export function patchUpload(c: OciClient, location: string, body: BodyInit, range?: string): Promise<Response> {
  return c.fetch(location, {
    method: 'PATCH',
    body,
    headers: { 'Content-Type': 'application/octet-stream', ...(range ? { 'Content-Range': range } : {}) },
  });
}

/** The closing PUT of an upload (`digest` null leaves the parameter out), optionally carrying the last chunk. */
export function putUpload(c: OciClient, location: string, digest: string | null, body?: BodyInit, range?: string): Promise<Response> {
  return c.fetch(digest === null ? location : withQuery(location, { digest }), {
    method: 'PUT',
    ...(body ? { body } : {}),
    headers: { 'Content-Type': 'application/octet-stream', ...(range ? { 'Content-Range': range } : {}) },
  });
}

/** readBlob, patchUpload and putUpload for one client, for the upload tests that make these calls all along. */
export function uploadCalls(c: OciClient) {
  return {
    readBlob: (name: string, digest: string) => readBlob(c, name, digest),
    patch: (location: string, body: BodyInit, range?: string) => patchUpload(c, location, body, range),
    put: (location: string, digest: string | null, body?: BodyInit, range?: string) => putUpload(c, location, digest, body, range),
  };
}
