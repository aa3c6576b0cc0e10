// Quotas refuse a push before its bytes are stored where they can: at the upload's start when the namespace is
// already over its quota, at the blob's commit (or a monolithic upload's start) when the blob cannot fit; the
// manifest PUT stays the final word.
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import * as namespaceRoute from '@/app/api/v1/namespaces/[namespace]/route';
import { formatQuotaBytes } from '@/lib/quota-bytes';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { patchUpload, putUpload, sha256, startUpload, useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';
import { blobFileExists, pushImage } from './support';

const reg = useTestRegistry();
const c = useAdminClient(reg);

async function setQuota(ns: string, quotaBytes: number | null) {
  const res = await callApi(reg, namespaceRoute.PATCH, { method: 'PATCH', path: `/api/v1/namespaces/${ns}`, params: { namespace: ns }, as: reg.admin, body: { quotaBytes } });
  expect(res.status).toBe(200);
}
async function usage(ns: string): Promise<number> {
  const res = await callApi(reg, namespaceRoute.GET, { path: `/api/v1/namespaces/${ns}`, params: { namespace: ns }, as: reg.admin });
  return res.body.usageBytes;
}
async function denied(res: Response): Promise<string> {
  expect(res.status).toBe(403);
  const body = (await res.json()) as { errors: Array<{ code: string; message: string }> };
  expect(body.errors[0]!.code).toBe('DENIED');
  return body.errors[0]!.message;
}
const uploadFiles = async () => readdir(path.join(reg.dataDir, 'storage', 'uploads')).catch(() => []);

it('refuses to open an upload in a namespace already over its quota, and opens one again once it fits', async () => {
  const ns = randomName('ns');
  await pushImage(c, `${ns}/a`, '1', [randomBytes(10_000)]);
  const used = await usage(ns);
  await setQuota(ns, 5000);
  const sessions = await reg.app.db.uploadSession.count();
  const res = await c.fetch(`/v2/${ns}/a/blobs/uploads/`, { method: 'POST', headers: { 'Content-Length': '0' } });
  expect(await denied(res)).toBe(`namespace "${ns}" quota ${formatQuotaBytes(5000)} exceeded (${formatQuotaBytes(used)} needed)`);
  expect(await reg.app.db.uploadSession.count()).toBe(sessions);
  await setQuota(ns, used);
  // Exactly at the quota: the upload opens (the blob it carries may be one the namespace holds already).
  expect((await startUpload(c, `${ns}/a`)).res.status).toBe(202);
});

it('refuses the blob at its commit when it cannot fit, storing nothing, and takes one the namespace already holds', async () => {
  const ns = randomName('ns');
  const held = randomBytes(20_000);
  await pushImage(c, `${ns}/a`, '1', [held]);
  const used = await usage(ns);
  await setQuota(ns, used + 1000);

  const big = randomBytes(30_000);
  const before = await uploadFiles();
  const session = await startUpload(c, `${ns}/b`);
  expect((await patchUpload(c, session.location, big)).status).toBe(202);
  const put = await putUpload(c, session.location, sha256(big));
  expect(await denied(put)).toBe(`namespace "${ns}" quota ${formatQuotaBytes(used + 1000)} exceeded (${formatQuotaBytes(used + big.length)} needed)`);
  expect(await reg.app.db.blob.count({ where: { digest: sha256(big) } })).toBe(0);
  expect(blobFileExists(reg, sha256(big))).toBe(false);
  expect(await uploadFiles()).toEqual(before);
  expect((await c.fetch(`/v2/${ns}/b/blobs/${sha256(big)}`, { method: 'HEAD' })).status).toBe(404);
  // The session is over.
  expect((await c.fetch(session.location)).status).toBe(404);

  // A blob the namespace's images already reference adds nothing: uploaded into another repository, it commits.
  const again = await startUpload(c, `${ns}/b`);
  expect((await patchUpload(c, again.location, held)).status).toBe(202);
  expect((await putUpload(c, again.location, sha256(held))).status).toBe(201);
  // A small new one still fits.
  const small = randomBytes(500);
  const third = await startUpload(c, `${ns}/b`);
  expect((await putUpload(c, third.location, sha256(small), small)).status).toBe(201);
});

it('refuses a monolithic upload whose announced length cannot fit before reading it', async () => {
  const ns = randomName('ns');
  await pushImage(c, `${ns}/a`, '1', [randomBytes(1000)]);
  const used = await usage(ns);
  await setQuota(ns, used + 100);
  const blob = randomBytes(50_000);
  const res = await c.fetch(`/v2/${ns}/a/blobs/uploads/?digest=${sha256(blob)}`, {
    method: 'POST',
    body: blob,
    headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(blob.length) },
  });
  expect(await denied(res)).toContain(`(${formatQuotaBytes(used + blob.length)} needed)`);
  expect(await reg.app.db.blob.count({ where: { digest: sha256(blob) } })).toBe(0);
  expect(blobFileExists(reg, sha256(blob))).toBe(false);
});

it('leaves the last word to the manifest PUT when each blob fits alone but the image does not', async () => {
  const ns = randomName('ns');
  await pushImage(c, `${ns}/a`, '1', [randomBytes(100)]);
  const used = await usage(ns);
  await setQuota(ns, used + 15_000);
  const layers = [randomBytes(10_000), randomBytes(10_000)];
  const err = await pushImage(c, `${ns}/a`, '2', layers).catch((e: Error) => e.message);
  expect(err).toMatch(/403.*DENIED/);
  expect(err).toContain(`namespace \\"${ns}\\" quota ${formatQuotaBytes(used + 15_000)} exceeded`);
  expect(await usage(ns)).toBe(used);
});
