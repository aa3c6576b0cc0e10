// Encryption at rest seen from a client: nothing changes. Digests are of the plaintext, chunked uploads resume
// across records, ranges work, and the files on disk hold no plaintext.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { patchUpload, putUpload, randomRepo, sha256, startUpload, useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry({ encryptionKeys: `k1:${randomBytes(32).toString('base64')}` });
const c = useAdminClient(reg);

it('takes chunked and monolithic pushes, serves them whole and by range, and keeps only ciphertext on disk', async () => {
  const name = randomRepo();
  const marker = Buffer.from('PLAINTEXT-MARKER-');
  const data = Buffer.concat([marker, randomBytes(200_000), marker]);
  const digest = sha256(data);
  const { location } = await startUpload(c, name);
  const first = await patchUpload(c, location, data.subarray(0, 70_001) as unknown as BodyInit, `0-70000`);
  expect(first.status).toBe(202);
  const done = await putUpload(c, first.headers.get('location')!, digest, data.subarray(70_001) as unknown as BodyInit, `70001-${data.length - 1}`);
  expect(done.status).toBe(201);
  const res = await c.fetch(`/v2/${name}/blobs/${digest}`);
  expect(res.headers.get('content-length')).toBe(String(data.length));
  expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(digest);
  const ranged = await c.fetch(`/v2/${name}/blobs/${digest}`, { headers: { Range: 'bytes=65530-65545' } });
  expect(ranged.status).toBe(206);
  expect(Buffer.from(await ranged.arrayBuffer())).toEqual(data.subarray(65530, 65546));
  const other = Buffer.concat([marker, randomBytes(1000)]);
  expect(await c.pushBlob(name, other)).toBe(sha256(other));

  const root = path.join(reg.dataDir, 'storage');
  const files = (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
  expect(files.length).toBeGreaterThanOrEqual(2);
  for (const f of files) expect((await readFile(path.join(f.parentPath, f.name))).includes(marker)).toBe(false);
});
