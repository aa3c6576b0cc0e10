// The blob sweep's set-based steps: candidates are marked in one query and swept in pages; what a push makes
// reachable between the mark and the sweep stays; a blob a push holds locked is left for a later run.
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { markBlobs, sweepBlobs } from '@/lib/services/gc/collect-blobs';
import { lockBlobs } from '@/lib/services/gc/gc-locks';
import { randomRepo, sha256, useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';
import { blobFileExists, pullProblems, pushImage, type Pushed } from './support';

const reg = useTestRegistry();
const c = useAdminClient(reg);

const blobCount = (digests: string[]) => reg.app.db.blob.count({ where: { digest: { in: digests } } });
const candidates = (runId: string) => reg.app.db.gcBlobCandidate.findMany({ where: { runId } }).then((rows) => rows.map((r) => r.digest));

/** Pushes an image and deletes its manifest: its blobs are garbage once the cutoff passes them. */
async function garbage(name: string, layers: Buffer[]): Promise<Pushed> {
  const image = await pushImage(c, name, `g-${randomUUID().slice(0, 8)}`, layers);
  expect((await c.fetch(`/v2/${name}/manifests/${image.digest}`, { method: 'DELETE' })).status).toBe(202);
  return image;
}

/** A cutoff after everything written so far (timestamps are kept to the millisecond). */
async function cutoffNow(): Promise<Date> {
  await new Promise((r) => setTimeout(r, 5));
  return new Date();
}

it('sweeps every candidate across page boundaries, and no shared layer', async () => {
  const name = randomRepo();
  const shared = randomBytes(900);
  const kept = await pushImage(c, name, 'kept', [shared]);
  const dead: Pushed[] = [];
  for (let i = 0; i < 7; i++) dead.push(await garbage(name, [shared, randomBytes(100 + i)]));
  const goneDigests = dead.flatMap((d) => d.blobs.map((b) => b.digest)).filter((d) => d !== sha256(shared));
  expect(goneDigests).toHaveLength(14);
  const cutoff = await cutoffNow();
  const runId = randomUUID();

  const marked = await markBlobs(reg.app.db, { runId, cutoff });
  // At least this repository's garbage (other tests' leftovers may add theirs); never the shared or kept blobs.
  expect(marked).toBeGreaterThanOrEqual(14);
  const listed = await candidates(runId);
  expect(listed).toEqual(expect.arrayContaining(goneDigests));
  expect(listed).not.toContain(sha256(shared));

  // 14+ candidates in pages of 3: the last page is a partial one.
  const swept = await sweepBlobs(reg.app.db, reg.app.storage, { runId, cutoff, pageSize: 3 });
  expect(swept.errors).toEqual([]);
  expect(swept.blobs).toBe(marked);
  expect(await blobCount(goneDigests)).toBe(0);
  for (const d of goneDigests) expect(blobFileExists(reg, d)).toBe(false);
  expect(blobFileExists(reg, sha256(shared))).toBe(true);
  expect(await pullProblems(c, kept)).toEqual([]);
});

it('keeps a blob a push references again between the mark and the sweep, by manifest or by mount', async () => {
  const name = randomRepo();
  const other = randomRepo();
  const reused = randomBytes(1500);
  const mounted = randomBytes(1600);
  const old = await garbage(name, [reused, mounted]);
  const configOnly = old.blobs[0]!.digest;
  const cutoff = await cutoffNow();
  const runId = randomUUID();
  await markBlobs(reg.app.db, { runId, cutoff });
  expect(await candidates(runId)).toEqual(expect.arrayContaining([sha256(reused), sha256(mounted), configOnly]));

  // A push finds the layer present (HEAD 200), skips its upload and references it; another repository mounts one.
  const again = await pushImage(c, name, 'again', [reused]);
  const mount = await c.fetch(`/v2/${other}/blobs/uploads/?mount=${sha256(mounted)}&from=${name}`, { method: 'POST' });
  expect(mount.status).toBe(201);

  const swept = await sweepBlobs(reg.app.db, reg.app.storage, { runId, cutoff });
  expect(swept.errors).toEqual([]);
  expect(await blobCount([configOnly])).toBe(0);
  expect(blobFileExists(reg, configOnly)).toBe(false);
  expect(await blobCount([sha256(reused), sha256(mounted)])).toBe(2);
  expect(await pullProblems(c, again)).toEqual([]);
  const read = await c.fetch(`/v2/${other}/blobs/${sha256(mounted)}`);
  expect(read.status).toBe(200);
  expect(sha256(Buffer.from(await read.arrayBuffer()))).toBe(sha256(mounted));
});

it('leaves a blob a push holds locked for the next run, without waiting for it', async () => {
  const name = randomRepo();
  const image = await garbage(name, [randomBytes(700)]);
  const layer = image.blobs[1]!.digest;
  const cutoff = await cutoffNow();
  const runId = randomUUID();
  await markBlobs(reg.app.db, { runId, cutoff });

  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  // A push committing this blob right now holds its lock shared until its transaction ends.
  const push = reg.app.db.$transaction(async (tx) => {
    await lockBlobs(tx, [layer], 'shared');
    locked();
    await held;
  });
  await isLocked;
  try {
    await sweepBlobs(reg.app.db, reg.app.storage, { runId, cutoff });
    expect(await blobCount([layer])).toBe(1);
    expect(blobFileExists(reg, layer)).toBe(true);
    expect(await blobCount([image.blobs[0]!.digest])).toBe(0);
  } finally {
    release();
    await push;
  }
  // The next sweep finds it free.
  const swept = await sweepBlobs(reg.app.db, reg.app.storage, { runId, cutoff });
  expect(swept.errors).toEqual([]);
  expect(await blobCount([layer])).toBe(0);
  expect(blobFileExists(reg, layer)).toBe(false);
});
