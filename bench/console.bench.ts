// Console scale: 10,000 repositories and one repository with 5,000 tags, then the server response time of the
// requests the console's lists make (repository list, search, sort, tags page), as median and p95 over repeated
// requests. Targets from the product issue: median under 150 ms, p95 under 300 ms. Each of the 10,000 repositories
// also holds a scanned, tagged image, every namespace a quota and a webhook with failed deliveries, so the overview
// (`/`) and the global search are timed against a full installation.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, startEmbeddedPostgres } from '../lib/db/embedded';
import { hashPassword } from '../lib/services/users/password';
import { findFreePort } from '../lib/server/free-port';
import { startBerth } from './support/berth';
import { ensureBuild } from '../scripts/ensure-build';

const REPOSITORIES = 10_000;
const NAMESPACES = 100;
const TAGS = 5_000;
const SAMPLES = 60;

export async function main() {
  ensureBuild();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-bench-pg-'));
  const pgServer = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await findFreePort(), password: 'bench' });
  const url = await ensureDatabase(pgServer.url, 'berth');
  const berth = await startBerth({ env: { DATABASE_URL: url } });
  try {
    const db = new pg.Client({ connectionString: url });
    // Postgres stops in `finally`; an error then must not hide the one that got us there.
    db.on('error', () => {});
    await db.connect();
    console.log(`[bench] seeding ${REPOSITORIES} repositories in ${NAMESPACES} namespaces and ${TAGS} tags…`);
    await seed(db);
    const member = await addMember(db);
    await db.end();

    const api = (p: string, auth = berth.authorization) => () => fetch(`${berth.url}${p}`, { headers: { authorization: auth } });
    const cases: Array<[string, () => Promise<Response>]> = [
      ['repository list, page 1 (admin)', api('/api/v1/repositories?page=1&pageSize=50')],
      ['repository list, page 150 (admin)', api('/api/v1/repositories?page=150&pageSize=50')],
      ['repository list by last push (admin)', api('/api/v1/repositories?sort=lastPush&order=desc&pageSize=50')],
      ['repository search "app-012" (admin)', api('/api/v1/repositories?q=app-012&pageSize=50')],
      ['repository list (member of 10 namespaces)', api('/api/v1/repositories?pageSize=50', member)],
      ['namespace list (admin)', api('/api/v1/namespaces')],
      ['tags page 1 of 5,000', api('/api/v1/repositories/big/images/tags?page=1&pageSize=50')],
      ['tags sorted by push time', api('/api/v1/repositories/big/images/tags?sort=pushedAt&order=desc&pageSize=50')],
      ['tags filtered "build-04"', api('/api/v1/repositories/big/images/tags?q=build-04&pageSize=50')],
      ['overview (admin)', api('/api/v1/overview')],
      ['overview (member of 10 namespaces)', api('/api/v1/overview', member)],
      ['global search "app-012" (admin)', api('/api/v1/search?q=app-012')],
      ['global search "latest" (member)', api('/api/v1/search?q=latest', member)],
    ];
    const rows: string[][] = [];
    for (const [label, call] of cases) {
      for (let i = 0; i < 5; i++) await (await call()).arrayBuffer(); // warm up
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const t0 = performance.now();
        const res = await call();
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${label}: HTTP ${res.status}`);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      const p95 = times[Math.floor(times.length * 0.95)]!;
      const ok = median < 150 && p95 < 300;
      rows.push([label, `${median.toFixed(1)} ms`, `${p95.toFixed(1)} ms`, ok ? 'met' : 'MISSED']);
      console.log(`[bench] ${label}: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    }
    console.log('');
    const widths = [44, 12, 12, 8];
    const line = (cols: string[]) => cols.map((c, i) => c.padEnd(widths[i]!)).join('  ');
    console.log(line(['request', 'median', 'p95', 'target (150 / 300 ms)']));
    for (const r of rows) console.log(line(r));
  } finally {
    await berth.stop();
    await pgServer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function seed(db: pg.Client) {
  const admin = await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'admin'`);
  const adminId = admin.rows[0]!.id;
  await db.query(
    `INSERT INTO namespaces (name, owner_id) SELECT 'team-' || lpad(i::text, 3, '0'), $1::uuid FROM generate_series(1, $2::int) i`,
    [adminId, NAMESPACES],
  );
  await db.query(
    `INSERT INTO repositories (namespace_id, name, visibility, last_pushed_at)
     SELECT n.id, n.name || '/app-' || lpad(i::text, 5, '0'), CASE WHEN i % 3 = 0 THEN 'PUBLIC' ELSE 'PRIVATE' END::"Visibility",
            now() - make_interval(mins => i)
     FROM generate_series(1, $1::int) i JOIN namespaces n ON n.name = 'team-' || lpad((1 + i % $2::int)::text, 3, '0')`,
    [REPOSITORIES, NAMESPACES],
  );
  await db.query(`INSERT INTO namespaces (name, owner_id) VALUES ('big', $1::uuid)`, [adminId]);
  await db.query(`INSERT INTO repositories (namespace_id, name) SELECT id, 'big/images' FROM namespaces WHERE name = 'big'`);
  await db.query(
    `INSERT INTO manifests (repository_id, digest, media_type, size, content, config_digest)
     SELECT r.id, 'sha256:' || md5('m' || i) || md5('n' || i), 'application/vnd.oci.image.manifest.v1+json', 1000 + i, '\\x7b7d'::bytea,
            'sha256:' || md5('c' || i) || md5('d' || i)
     FROM repositories r, generate_series(1, 100) i WHERE r.name = 'big/images'`,
  );
  await db.query(
    `INSERT INTO manifest_blobs (manifest_id, digest, role, position, size, media_type)
     SELECT m.id, CASE WHEN p = 0 THEN m.config_digest ELSE 'sha256:' || md5(m.digest || p) || md5(p::text) END,
            CASE WHEN p = 0 THEN 'config' ELSE 'layer' END, p, 1000000 * (p + 1), 'application/vnd.oci.image.layer.v1.tar+gzip'
     FROM manifests m, generate_series(0, 3) p`,
  );
  await db.query(
    `INSERT INTO tags (repository_id, name, manifest_id, pushed_at, pushed_by_id)
     SELECT m.repository_id, 'build-' || lpad(i::text, 5, '0'), m.id, now() - make_interval(secs => i), $1::uuid
     FROM generate_series(1, $2::int) i JOIN manifests m ON m.size = 1000 + 1 + (i % 100)`,
    [adminId, TAGS],
  );
  // Every image scanned five times (the tags page shows each tag's newest scan): finished scans with counts.
  await db.query(
    `INSERT INTO scans (repository_id, manifest_digest, tag, trigger, status, requested_by, layers_total, layers_done,
                        high, medium, low, unknown, secrets, created_at, started_at, finished_at)
     SELECT m.repository_id, m.digest, 'build', 'push', 'succeeded', 'admin', 3, 3, i, 2 * i, 3, 0, 0,
            now() - make_interval(hours => i), now() - make_interval(hours => i), now() - make_interval(hours => i)
     FROM manifests m, generate_series(1, 5) i`,
  );
  await seedOverview(db);
  await db.query('ANALYZE');
}

/**
 * What the overview reads across the installation: one tagged image per repository (config and a layer, a layer
 * shared by the namespace's images), its newest scan with Critical and High counts, a quota on every namespace, and
 * a namespace webhook with 50 failed deliveries in each.
 */
async function seedOverview(db: pg.Client) {
  await db.query(
    `INSERT INTO manifests (repository_id, digest, media_type, size, content, config_digest)
     SELECT r.id, 'sha256:' || md5('o' || r.name) || md5('p' || r.name), 'application/vnd.oci.image.manifest.v1+json', 500, '\\x7b7d'::bytea,
            'sha256:' || md5('oc' || r.name) || md5('pc' || r.name)
     FROM repositories r WHERE r.name LIKE 'team-%'`,
  );
  await db.query(
    `INSERT INTO blobs (digest, size)
     SELECT m.config_digest, 2000 FROM manifests m JOIN repositories r ON r.id = m.repository_id WHERE r.name LIKE 'team-%'
     UNION ALL SELECT 'sha256:' || md5('base' || n.name) || md5(n.name), 50000000 FROM namespaces n WHERE n.name LIKE 'team-%'`,
  );
  await db.query(
    `INSERT INTO manifest_blobs (manifest_id, digest, role, position, size, media_type)
     SELECT m.id, m.config_digest, 'config', 0, 2000, 'application/vnd.oci.image.config.v1+json'
     FROM manifests m JOIN repositories r ON r.id = m.repository_id WHERE r.name LIKE 'team-%'
     UNION ALL
     SELECT m.id, 'sha256:' || md5('base' || n.name) || md5(n.name), 'layer', 1, 50000000, 'application/vnd.oci.image.layer.v1.tar+gzip'
     FROM manifests m JOIN repositories r ON r.id = m.repository_id JOIN namespaces n ON n.id = r.namespace_id WHERE r.name LIKE 'team-%'`,
  );
  await db.query(
    `INSERT INTO tags (repository_id, name, manifest_id, pushed_at)
     SELECT m.repository_id, 'latest', m.id, r.last_pushed_at FROM manifests m JOIN repositories r ON r.id = m.repository_id WHERE r.name LIKE 'team-%'`,
  );
  await db.query(
    `INSERT INTO scans (repository_id, manifest_digest, trigger, status, requested_by, critical, high, medium, low, unknown, secrets, created_at, finished_at)
     SELECT m.repository_id, m.digest, 'push', 'succeeded', 'admin', abs(hashtext(m.digest)) % 7, abs(hashtext(r.name)) % 40, 5, 5, 0, 0, now(), now()
     FROM manifests m JOIN repositories r ON r.id = m.repository_id WHERE r.name LIKE 'team-%'`,
  );
  await db.query(`UPDATE namespaces SET quota_bytes = 10737418240 WHERE name LIKE 'team-%'`);
  await db.query(
    `INSERT INTO webhooks (namespace_id, name, url, trigger_kind, events)
     SELECT id, 'deploy', 'http://127.0.0.1:9/hook', 'all', ARRAY['image.pushed'] FROM namespaces WHERE name LIKE 'team-%'`,
  );
  await db.query(
    `INSERT INTO webhook_deliveries (webhook_id, event_type, kind, status, body, format, max_attempts, created_at, completed_at)
     SELECT w.id, 'image.pushed', 'event', CASE WHEN i % 2 = 0 THEN 'failed' ELSE 'succeeded' END, '{}', 'default', 3,
            now() - make_interval(mins => i), now() - make_interval(mins => i)
     FROM webhooks w, generate_series(1, 100) i`,
  );
}

/** A non-admin user with read on ten namespaces: the list takes the grant-filtered path. */
async function addMember(db: pg.Client): Promise<string> {
  const password = 'bench-member-password';
  const user = await db.query<{ id: string }>(`INSERT INTO users (username, password_hash) VALUES ('member', $1) RETURNING id`, [await hashPassword(password)]);
  await db.query(
    `INSERT INTO namespace_permissions (namespace_id, user_id, level) SELECT id, $1::uuid, 'READ' FROM namespaces WHERE name <= 'team-010'`,
    [user.rows[0]!.id],
  );
  return `Basic ${Buffer.from(`member:${password}`).toString('base64')}`;
}
