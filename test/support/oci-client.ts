import { createHash, randomBytes } from 'node:crypto';
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
      body: data,
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    if (res.status !== 201) throw new Error(`push blob: ${res.status} ${await res.text()}`);
    return digest;
  }

  /** Pushes an image manifest with a config and the given layers; returns its digest and body. */
  async pushImage(name: string, tag: string, opts: { layers?: Uint8Array[]; mediaType?: string; extra?: Record<string, unknown> } = {}) {
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, nonce: randomBytes(8).toString('hex') }));
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

export function sha256(data: Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export async function errorCode(res: Response): Promise<string | undefined> {
  const body = (await res.json().catch(() => null)) as { errors?: Array<{ code: string }> } | null;
  return body?.errors?.[0]?.code;
}
