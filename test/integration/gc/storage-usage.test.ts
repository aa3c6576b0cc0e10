// The Storage page's figure: every stored blob counted once, however many repositories link it; administrators only.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { getStorageUsage } from '@/lib/services/gc/get-storage-usage';
import { OciClient, randomRepo } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';
import { pushImage } from './support';

const reg = useTestRegistry();

it('counts each blob once across repositories, and refuses anyone but an administrator', async () => {
  const admin = { kind: 'user', id: reg.admin.id, username: reg.admin.username, isAdmin: true } as const;
  const before = await getStorageUsage(reg.app, { actor: admin });
  const c = new OciClient(reg, reg.admin);
  const shared = randomBytes(4000);
  const image = await pushImage(c, randomRepo(), 'v1', [shared, randomBytes(1000)]);
  await pushImage(c, randomRepo(), 'v1', [shared, randomBytes(1000)]);
  const after = await getStorageUsage(reg.app, { actor: admin });
  // Two configs, two own layers, one shared layer.
  expect(after.blobs - before.blobs).toBe(5);
  const own = image.blobs.reduce((sum, b) => sum + b.size, 0);
  expect(after.bytes - before.bytes).toBeGreaterThan(own);
  expect(after.bytes - before.bytes).toBeLessThan(2 * own);

  const user = await reg.createUser();
  await expect(getStorageUsage(reg.app, { actor: { kind: 'user', id: user.id, username: user.username, isAdmin: false } })).rejects.toThrow(/may not ManageStorage/);
});
