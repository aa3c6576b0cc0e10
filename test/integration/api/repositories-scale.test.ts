import { beforeAll, describe, expect, it } from 'vitest';
import * as repositoriesRoute from '@/app/api/v1/repositories/route';
import * as namespacesRoute from '@/app/api/v1/namespaces/route';
import { callApi } from '../../support/api';
import { randomName } from '../../support/database';
import { useTestRegistry, type TestUser } from '../../support/registry';

// 10,000 repositories in 100 namespaces of 100; every tenth repository is public.
const NAMESPACES = 100;
const PER_NAMESPACE = 100;
// Generous bounds: the point is catching per-row queries (seconds at this size), not timing the machine.

const reg = useTestRegistry();
let prefix: string;
beforeAll(async () => {
  prefix = randomName('scale');
  const db = reg.app.db;
  await db.$executeRaw`
    INSERT INTO namespaces (name, owner_id)
    SELECT ${prefix} || lpad(i::text, 3, '0'), ${reg.admin.id}::uuid FROM generate_series(0, ${NAMESPACES - 1}) i`;
  await db.$executeRaw`
    INSERT INTO repositories (namespace_id, name, visibility, last_pushed_at)
    SELECT n.id, n.name || '/repo' || lpad(j::text, 3, '0'),
      (CASE WHEN j % 10 = 0 THEN 'PUBLIC' ELSE 'PRIVATE' END)::"Visibility",
      now() - make_interval(secs => j * 1000 + right(n.name, 3)::int)
    FROM namespaces n, generate_series(0, ${PER_NAMESPACE - 1}) j WHERE n.name LIKE ${prefix + '%'}`;
  await db.$executeRaw`
    INSERT INTO manifests (repository_id, digest, media_type, size, content)
    SELECT r.id, 'sha256:' || md5(r.name) || md5(r.id::text), 'application/vnd.oci.image.manifest.v1+json', 2, '\\x7b7d'::bytea
    FROM repositories r`;
  await db.$executeRaw`
    INSERT INTO tags (repository_id, name, manifest_id) SELECT m.repository_id, t, m.id FROM manifests m, unnest(ARRAY['v1', 'latest']) t`;
  await db.$executeRaw`ANALYZE`;
}, 120_000);

// Response times at this scale are measured by bench/, not asserted here.
const list = (as: TestUser | null, query: string) => callApi(reg, repositoriesRoute.GET, { path: `/api/v1/repositories?${query}`, as });

describe('repository listing at 10,000 repositories', () => {
  it('pages, searches and sorts for an admin without per-row checks', async () => {
    await list(reg.admin, 'pageSize=1'); // warm up (profile, credentials cache, plans)
    const first = await list(reg.admin, 'pageSize=100');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(NAMESPACES * PER_NAMESPACE);
    expect(first.body.items).toHaveLength(100);
    expect(first.body.items[0]).toMatchObject({ name: `${prefix}000/repo000`, tagCount: 2, visibility: 'public' });

    const last = await list(reg.admin, 'pageSize=100&page=100&sort=lastPush');
    expect(last.body.items).toHaveLength(100);
    const newest = await list(reg.admin, 'pageSize=3&sort=lastPush');
    expect(newest.body.items.map((r: { name: string }) => r.name)).toEqual([`${prefix}000/repo000`, `${prefix}001/repo000`, `${prefix}002/repo000`]);

    const search = await list(reg.admin, 'q=repo04&pageSize=100');
    expect(search.body.total).toBe(NAMESPACES * 10);
  });

  it('filters by grants in SQL for a user, and anonymous callers see the public tenth', async () => {
    const user = await reg.createUser();
    // Namespace grants on 10 namespaces, repository grants on 100 private repositories elsewhere.
    await reg.app.db.$executeRaw`
      INSERT INTO namespace_permissions (namespace_id, user_id, level)
      SELECT id, ${user.id}::uuid, 'READ' FROM namespaces WHERE name LIKE ${prefix + '01%'}`;
    await reg.app.db.$executeRaw`
      INSERT INTO repository_permissions (repository_id, user_id, level)
      SELECT id, ${user.id}::uuid, 'WRITE' FROM repositories WHERE name LIKE ${prefix + '05%/repo0_1'}`;
    await list(user, 'pageSize=1');
    const mine = await list(user, 'pageSize=100&sort=lastPush');
    // 1,000 public + 10 namespaces (900 more private) + repo0_1 in 10 other namespaces (100, all private).
    expect(mine.body.total).toBe(1000 + 900 + 100);

    await list(null, 'pageSize=1');
    const anon = await list(null, 'pageSize=100&page=10');
    expect(anon.body.total).toBe(1000);
    expect(anon.body.items.every((r: { visibility: string }) => r.visibility === 'public')).toBe(true);
  });

  it('decides candidates in batches when a policy reaches repositories', async () => {
    const user = await reg.createUser();
    const policyName = randomName('Scale');
    await reg.app.db.policy.create({
      data: {
        name: policyName,
        document: {
          Version: '1',
          Statement: [
            { Effect: 'Allow', Action: 'cr:GetRepository', Resource: `acs:cr:*:*:repository/${prefix}02*/*` },
            { Effect: 'Deny', Action: 'cr:*', Resource: `acs:cr:*:*:repository/${prefix}02*/repo00*` },
          ],
        },
      },
    });
    await reg.app.db.userPolicy.create({ data: { userId: user.id, policyName } });
    await list(user, 'pageSize=1');
    const res = await list(user, 'pageSize=100&page=3');
    // Namespaces 020-029 (1,000) less the denied repo000-repo009 there (100), plus the public tenth elsewhere (900).
    expect(res.body.total).toBe(1000 - 100 + 900);
  });

  it('lists namespaces with their counts and storage in one aggregate', async () => {
    await callApi(reg, namespacesRoute.GET, { path: '/', as: reg.admin });
    const result = await callApi(reg, namespacesRoute.GET, { path: '/api/v1/namespaces', as: reg.admin });
    expect(result.status).toBe(200);
    const mine = result.body.items.filter((n: { name: string }) => n.name.startsWith(prefix));
    expect(mine).toHaveLength(NAMESPACES);
    expect(mine.every((n: { repositoryCount: number }) => n.repositoryCount === PER_NAMESPACE)).toBe(true);
  });
});
