// Pull statistics gathered in memory reach the database when the process stops gracefully: boot()'s close()
// writes them before it disconnects.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { boot } from '@/lib/server/boot';
import { createHttpServer } from '@/lib/server/create-http-server';
import { OciClient, randomRepo } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';
import { OCI_MANIFEST, pushImage } from './support';

const reg = useTestRegistry();

it('writes the pulls counted since the last batch when the process stops', async () => {
  const c = new OciClient(reg, reg.admin);
  const name = randomRepo();
  const image = await pushImage(c, name, 'v1', [randomBytes(10)]);
  // A second process on the same database and storage, booted as `npm start` boots, with its own pull recorder.
  const booted = await boot({ ...reg.app.config, worker: false, pullStats: true });
  const server = createHttpServer(booted.app, {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/v2/${name}/manifests/v1`, { headers: { Accept: OCI_MANIFEST, Authorization: reg.basic(reg.admin) } });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
    }
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await booted.close();
  }
  const repo = await reg.app.db.repository.findUniqueOrThrow({ where: { name } });
  const manifest = await reg.app.db.manifest.findUniqueOrThrow({ where: { repositoryId_digest: { repositoryId: repo.id, digest: image.digest } } });
  expect(manifest.pullCount).toBe(3);
  const tag = await reg.app.db.tag.findUniqueOrThrow({ where: { repositoryId_name: { repositoryId: repo.id, name: 'v1' } } });
  expect(tag.pullCount).toBe(3);
  expect(tag.lastPulledAt).not.toBeNull();
});
