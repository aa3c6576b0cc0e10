import { beforeAll, describe, expect, it } from 'vitest';
import * as tagsRoute from '@/app/api/v1/repositories/[namespace]/[repository]/tags/route';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

// 5,000 tags over 50 image manifests (config + 2 layers each) in one repository.
const TAGS = 5000;
const MANIFESTS = 50;

const reg = useTestRegistry();
const repo = `${randomName('ns')}/big`;
beforeAll(async () => {
  await new OciClient(reg, reg.admin).pushImage(repo, 'seed');
  const { id } = await reg.app.db.repository.findUniqueOrThrow({ where: { name: repo } });
  const db = reg.app.db;
  await db.$executeRaw`
    INSERT INTO manifests (repository_id, digest, media_type, size, content, config_digest)
    SELECT ${id}::uuid, 'sha256:' || md5('m' || i) || md5('n' || i), 'application/vnd.oci.image.manifest.v1+json', 1000 + i,
      '\\x7b7d'::bytea, 'sha256:' || md5('c' || i) || md5('d' || i)
    FROM generate_series(1, ${MANIFESTS}) i`;
  await db.$executeRaw`
    INSERT INTO manifest_blobs (manifest_id, digest, role, position, size, media_type)
    SELECT m.id, CASE WHEN p = 0 THEN m.config_digest ELSE 'sha256:' || md5(m.digest || p) || md5(p::text) END,
      CASE WHEN p = 0 THEN 'config' ELSE 'layer' END, p, 100 * (p + 1), 'application/octet-stream'
    FROM manifests m, generate_series(0, 2) p WHERE m.repository_id = ${id}::uuid AND m.config_digest LIKE 'sha256:%' AND m.size >= 1000`;
  await db.$executeRaw`
    INSERT INTO tags (repository_id, name, manifest_id, pushed_at, pushed_by_id)
    SELECT ${id}::uuid, 'build-' || lpad(i::text, 5, '0'), m.id, now() - make_interval(secs => i), ${reg.admin.id}::uuid
    FROM generate_series(1, ${TAGS}) i
    JOIN manifests m ON m.repository_id = ${id}::uuid AND m.size = 1000 + (i % ${MANIFESTS}) + 1`;
  await db.$executeRaw`ANALYZE`;
}, 120_000);

async function list(query: string) {
  const res = await callApi(reg, tagsRoute.GET, { path: `/?${query}`, params: { namespace: repo.split('/')[0]!, repository: 'big' }, as: reg.admin });
  return { res };
}

describe('tag listing at 5,000 tags', () => {
  it('pages by name and by push time in one query per page', async () => {
    await list('pageSize=1');
    const first = await list('pageSize=100');
    expect(first.res.status).toBe(200);
    expect(first.res.body.total).toBe(TAGS + 1);
    expect(first.res.body.items).toHaveLength(100);
    // manifest size + config (100) + layers (200 + 300)
    const tag = first.res.body.items[0];
    expect(tag).toMatchObject({ name: 'build-00001', pushedBy: 'admin', platforms: [] });
    expect(tag.size).toBe(1000 + (1 % MANIFESTS) + 1 + 100 + 200 + 300);

    const newest = await list('pageSize=100&sort=pushedAt&page=50');
    expect(newest.res.body.items).toHaveLength(100);

    const search = await list('q=build-0499&pageSize=100');
    expect(search.res.body.total).toBe(10);
  });
});
