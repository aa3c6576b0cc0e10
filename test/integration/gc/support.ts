// Shared by the garbage collection tests: pushing the way real clients do (HEAD first, upload only what is
// missing), reading an image back and checking every byte, and running a collection to the end.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { GcRunDto, RequestGcInput } from '@/lib/schemas/gc';
import type { AppContext } from '@/lib/services/context';
import { toGcRunDto } from '@/lib/services/gc/gc-run-dto';
import { queueGcRun } from '@/lib/services/gc/request-gc';
import { runGc } from '@/lib/services/gc/run-gc';
import { blobKey } from '@/lib/storage/keys';
import { sha256, type OciClient } from '../../support/oci-client';
import type { TestRegistry } from '../../support/registry';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

export interface Pushed {
  name: string;
  tag: string;
  digest: string;
  blobs: Array<{ digest: string; size: number }>;
}

/** Pushes one blob unless the repository already has it (HEAD 200), as docker, podman and skopeo do. */
export async function ensureBlob(c: OciClient, name: string, data: Buffer): Promise<string> {
  const digest = sha256(data);
  const head = await c.fetch(`/v2/${name}/blobs/${digest}`, { method: 'HEAD' });
  if (head.status === 200) return digest;
  return c.pushBlob(name, data);
}

/** Pushes an image with the given layers and a random config; throws with the registry's answer on failure. */
export async function pushImage(c: OciClient, name: string, tag: string, layers: Buffer[], extra: Record<string, unknown> = {}): Promise<Pushed> {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, n: randomBytes(8).toString('hex') }));
  const blobs = [{ digest: await ensureBlob(c, name, config), size: config.length }];
  for (const l of layers) blobs.push({ digest: await ensureBlob(c, name, l), size: l.length });
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...blobs[0] },
    layers: blobs.slice(1).map((b) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...b })),
    ...extra,
  };
  const body = Buffer.from(JSON.stringify(manifest));
  const res = await c.fetch(`/v2/${name}/manifests/${tag}`, { method: 'PUT', body, headers: { 'Content-Type': OCI_MANIFEST } });
  if (res.status !== 201) throw new Error(`push ${name}:${tag}: ${res.status} ${await res.text()}`);
  return { name, tag, digest: sha256(body), blobs };
}

/** Pulls an image by tag and checks the manifest and every blob against their digests. Returns what failed. */
export async function pullProblems(c: OciClient, image: Pushed): Promise<string[]> {
  const problems: string[] = [];
  const res = await c.fetch(`/v2/${image.name}/manifests/${image.tag}`, { headers: { Accept: OCI_MANIFEST } });
  if (res.status !== 200) return [`manifest ${image.name}:${image.tag}: ${res.status}`];
  const body = Buffer.from(await res.arrayBuffer());
  if (sha256(body) !== image.digest) problems.push(`manifest ${image.name}:${image.tag} has changed`);
  for (const b of image.blobs) {
    const blob = await c.fetch(`/v2/${image.name}/blobs/${b.digest}`);
    const bytes = Buffer.from(await blob.arrayBuffer());
    if (blob.status !== 200) problems.push(`blob ${b.digest} of ${image.name}:${image.tag}: ${blob.status}`);
    else if (`sha256:${createHash('sha256').update(bytes).digest('hex')}` !== b.digest) problems.push(`blob ${b.digest} is corrupt`);
  }
  return problems;
}

/** Runs a collection to its end in this process (the job handler's work) and answers the finished run. */
export async function collect(app: AppContext, options: Partial<RequestGcInput> = {}): Promise<GcRunDto> {
  const run = await queueGcRun(app, { deleteUntagged: false, gracePeriodSeconds: 0, dryRun: false, ...options, trigger: 'manual', requestedBy: 'test' });
  await runGc(app, run.id);
  return toGcRunDto(await app.db.gcRun.findUniqueOrThrow({ where: { id: run.id } }));
}

/** Whether a blob's bytes are in the test registry's filesystem storage. */
export function blobFileExists(reg: TestRegistry, digest: string): boolean {
  return existsSync(path.join(reg.dataDir, 'storage', blobKey(digest)));
}
