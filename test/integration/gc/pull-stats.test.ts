// Pull statistics: manifest GETs by tag and by digest are counted per tag and per manifest, written in batches,
// shown in the tags list; HEADs are not pulls; BERTH_PULL_STATS=false turns counting off.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import * as tagsRoute from '@/app/api/v1/repositories/[namespace]/[repository]/tags/route';
import { flushPulls } from '@/lib/services/manifests/record-pull';
import { callApi } from '../../support/api';
import { randomRepo, useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';
import { OCI_MANIFEST, pushImage } from './support';

const reg = useTestRegistry();
const c = useAdminClient(reg);

const get = (path: string, method = 'GET') => c.fetch(path, { method, headers: { Accept: OCI_MANIFEST } });

it('counts GETs per tag and per manifest, not HEADs, and lists them with the tags', async () => {
  const name = randomRepo();
  const image = await pushImage(c, name, 'a', [randomBytes(10)]);
  const other = await c.fetch(`/v2/${name}/manifests/b`, { method: 'PUT', body: await (await get(`/v2/${name}/manifests/a`)).arrayBuffer(), headers: { 'Content-Type': OCI_MANIFEST } });
  expect(other.status).toBe(201);
  for (let i = 0; i < 3; i++) expect((await get(`/v2/${name}/manifests/a`)).status).toBe(200);
  expect((await get(`/v2/${name}/manifests/${image.digest}`)).status).toBe(200);
  expect((await get(`/v2/${name}/manifests/a`, 'HEAD')).status).toBe(200);
  await flushPulls(reg.app);

  const repo = await reg.app.db.repository.findUniqueOrThrow({ where: { name } });
  const manifest = await reg.app.db.manifest.findUniqueOrThrow({ where: { repositoryId_digest: { repositoryId: repo.id, digest: image.digest } } });
  // 4 GETs through a (1 while pushing b) + 1 by digest.
  expect(manifest.pullCount).toBe(5);
  const [ns, rest] = [name.split('/')[0]!, name.split('/').slice(1).join('/')];
  const list = await callApi(reg, tagsRoute.GET, { path: `/api/v1/repositories/${name}/tags`, params: { namespace: ns, repository: rest }, as: reg.admin });
  expect(list.status).toBe(200);
  const byName = Object.fromEntries(list.body.items.map((t: { name: string; pulls: number; lastPulledAt: string | null }) => [t.name, t]));
  expect(byName.a.pulls).toBe(4);
  expect(Date.parse(byName.a.lastPulledAt)).toBeGreaterThan(Date.now() - 60_000);
  expect(byName.b).toMatchObject({ pulls: 0, lastPulledAt: null });
});

it('counts nothing with pull statistics off', async () => {
  const off = { ...reg.app, config: { ...reg.app.config, pullStats: false } };
  const name = randomRepo();
  const image = await pushImage(c, name, 'a', [randomBytes(10)]);
  const { getManifest } = await import('@/lib/services/manifests/get-manifest');
  await getManifest(off, { actor: { kind: 'user', id: reg.admin.id, username: 'admin', isAdmin: true }, name, reference: 'a', withContent: true });
  await flushPulls(off);
  const repo = await reg.app.db.repository.findUniqueOrThrow({ where: { name } });
  const manifest = await reg.app.db.manifest.findUniqueOrThrow({ where: { repositoryId_digest: { repositoryId: repo.id, digest: image.digest } } });
  expect(manifest.pullCount).toBe(0);
});
