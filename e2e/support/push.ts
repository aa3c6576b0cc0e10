import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { buildImage, buildMultiArch, type LayerSpec } from '../../test/support/images';
import { skopeoCopy, type ClientResult, type Creds } from '../../test/support/clients';
import { ADMIN, createNamespace, createRepository, createUser, grantNamespace } from './fixtures';

const REGISTRY = `127.0.0.1:${Number(process.env.BERTH_E2E_PORT ?? 3917)}`;

function scratch(): { dir: string; done: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-image-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Builds a small image with umoci and pushes it with skopeo to `<repository>:<tag>`; returns skopeo's result. */
export async function pushImage(
  repository: string,
  tag: string,
  opts: { creds?: Creds; layers?: LayerSpec[]; registry?: string } = {},
): Promise<ClientResult> {
  const { dir, done } = scratch();
  try {
    const layers = opts.layers ?? [{ files: { 'etc/berth-e2e': `${repository}:${tag}\n` } }, { randomBytes: 64 * 1024 }];
    const image = await buildImage({ dir, tag, layers, labels: { 'org.opencontainers.image.title': repository } });
    return await skopeoCopy(image.ref, `docker://${opts.registry ?? REGISTRY}/${repository}:${tag}`, { creds: opts.creds ?? ADMIN, format: 'oci' });
  } finally {
    done();
  }
}

/** An OCI index over linux/amd64 and linux/arm64 images, pushed with `skopeo copy --all`. */
export async function pushMultiArch(
  repository: string,
  tag: string,
  opts: { creds?: Creds; registry?: string; layers?: (arch: 'amd64' | 'arm64') => LayerSpec[] } = {},
): Promise<ClientResult> {
  const { dir, done } = scratch();
  try {
    const index = await buildMultiArch({ dir, tag, layers: opts.layers });
    return await skopeoCopy(index.ref, `docker://${opts.registry ?? REGISTRY}/${repository}:${tag}`, { creds: opts.creds ?? ADMIN, all: true, format: 'oci' });
  } finally {
    done();
  }
}

/**
 * A new namespace with a private repository `name` holding an image tagged `1.0`, and a new user (named after
 * `prefix`) who may read that namespace but not push to it.
 */
export async function privateImageWithReader(
  request: APIRequestContext,
  opts: { name: string; prefix: string },
): Promise<{ ns: string; repo: string; reader: Creds }> {
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: opts.name, visibility: 'private' });
  expectPushed(await pushImage(repo, '1.0'));
  const reader = await createUser(request, { prefix: opts.prefix });
  await grantNamespace(request, ns, reader, 'read');
  return { ns, repo, reader };
}

export function expectPushed(res: ClientResult): void {
  if (res.code !== 0) throw new Error(`push failed (${res.code}): ${res.stderr || res.stdout}`);
}
