// Garbage collection while pushes go on, from two "instances" (two database pools on one database and storage):
// a push that races a sweep either completes with every blob kept or fails with a retryable error, and every image
// pushed pulls intact afterwards.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb } from '@/lib/db/client';
import type { AppContext } from '@/lib/services/context';
import { randomRepo, useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';
import { collect, pullProblems, pushImage, type Pushed } from './support';

const reg = useTestRegistry();
const c = useAdminClient(reg);
let collector: AppContext;
beforeAll(() => {
  // The collector runs as another instance would: its own connections, the same database and storage.
  collector = { ...reg.app, db: createDb(reg.app.config.databaseUrl!, { poolSize: 4 }) };
});
afterAll(async () => {
  await collector?.db.$disconnect();
});

const ITERATIONS = 100;
const ATTEMPTS = 4;

/** A push as a client retries it: a failure the registry calls retryable (MANIFEST_BLOB_UNKNOWN, …) is pushed again. */
async function pushWithRetry(name: string, tag: string, layers: Buffer[]): Promise<{ image: Pushed; failures: string[] }> {
  const failures: string[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      return { image: await pushImage(c, name, tag, layers), failures };
    } catch (err) {
      const message = (err as Error).message;
      // Only the answers a sweep may cause: a blob or manifest no longer there, a blob removed while it was committed.
      expect(message).toMatch(/MANIFEST_BLOB_UNKNOWN|BLOB_UPLOAD_INVALID/);
      failures.push(message);
      if (attempt === ATTEMPTS) throw err;
    }
  }
}

it(`keeps every pushed image intact through ${ITERATIONS} sweeps racing pushes`, async () => {
  const name = randomRepo();
  const kept: Pushed[] = [];
  let retried = 0;
  let previousShared = randomBytes(2048);
  for (let i = 0; i < ITERATIONS; i++) {
    // Garbage that shares a layer with the push racing the sweep: the sweep wants that layer exactly while the push
    // finds it present (HEAD 200), skips uploading it, and references it in its manifest.
    const shared = previousShared;
    const garbage = await pushImage(c, name, `garbage-${i}`, [shared, randomBytes(512)]);
    const del = await c.fetch(`/v2/${name}/manifests/${garbage.digest}`, { method: 'DELETE' });
    expect(del.status).toBe(202);
    const [pushed, run] = await Promise.all([
      pushWithRetry(name, `v${i}`, [shared, randomBytes(256 + i)]),
      collect(collector, { deleteUntagged: i % 2 === 0 }),
    ]);
    expect(run.status).toBe('succeeded');
    expect(run.errors).toEqual([]);
    retried += pushed.failures.length;
    kept.push(pushed.image);
    previousShared = i % 3 === 0 ? randomBytes(2048) : shared;
  }
  const final = await collect(collector, { deleteUntagged: true });
  expect(final.status).toBe('succeeded');
  const problems: string[] = [];
  for (const image of kept) problems.push(...(await pullProblems(c, image)));
  expect(problems).toEqual([]);
  // Every push ended in success (retries included); say how often a sweep made one retry.
  expect(kept).toHaveLength(ITERATIONS);
  console.log(`gc race: ${retried} retried push attempts over ${ITERATIONS} iterations`);
}, 600_000);
