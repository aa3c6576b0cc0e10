// Build cache pruning: images in the builds' buildah store older than the cutoff go, newer ones stay; a missing
// store is nothing to prune. Uses a real buildah store under the registry's data directory.
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { pruneBuildCache } from '@/lib/services/builds/prune-build-cache';
import { requireTool } from '../../support/tools';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
beforeAll(async () => {
  requireTool('buildah');
});

function buildah(...args: string[]): string {
  const store = path.join(reg.dataDir, 'builds', 'storage');
  const res = spawnSync('buildah', ['--root', path.join(store, 'root'), '--runroot', path.join(store, 'runroot'), '--storage-driver', 'vfs', ...args], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`buildah ${args.join(' ')}: ${res.stderr}`);
  return res.stdout.trim();
}
const imageIds = () => (JSON.parse(buildah('images', '--all', '--json') || '[]') as Array<{ id: string }> | null ?? []).map((i) => i.id);

it('is nothing to do without a build store', async () => {
  expect(await pruneBuildCache(reg.app, { olderThan: new Date() })).toEqual({ removed: 0, failed: 0 });
});

it('removes cached images older than the cutoff and keeps newer ones', async () => {
  await mkdir(path.join(reg.dataDir, 'builds', 'storage'), { recursive: true });
  // Two cached images, as `buildah build --layers` leaves: one untagged (an intermediate step), one tagged.
  for (const name of ['', 'localhost/cached:1']) {
    const container = buildah('from', 'scratch');
    buildah('commit', '-q', container, ...(name ? [name] : []));
    buildah('rm', container);
  }
  expect(imageIds()).toHaveLength(2);
  // Nothing is older than an hour ago.
  expect(await pruneBuildCache(reg.app, { olderThan: new Date(Date.now() - 3600_000) })).toEqual({ removed: 0, failed: 0 });
  expect(imageIds()).toHaveLength(2);
  // Everything is older than a second from now.
  expect(await pruneBuildCache(reg.app, { olderThan: new Date(Date.now() + 1000) })).toEqual({ removed: 2, failed: 0 });
  expect(imageIds()).toEqual([]);
});
