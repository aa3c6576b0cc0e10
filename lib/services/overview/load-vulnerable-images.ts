import type { Prisma } from '@/lib/db/generated/client';
import type { OverviewDto } from '@/lib/schemas/overview';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from '@/lib/services/access/access-profile';
import { allowed } from '@/lib/services/access/decide';

const SHOWN = 5;
// Candidates read before the per-repository report check; readable repositories almost always allow reports too.
const CANDIDATES = 25;
// Images ranked by findings before untagged ones are dropped: an installation whose 200 worst images are all
// untagged shows fewer than five, which is the price of not looking up tags for every scanned image.
const RANKED = 200;

type Row = {
  repository_id: string;
  repository: string;
  namespace_id: string;
  visibility: 'PUBLIC' | 'PRIVATE';
  digest: string;
  tag: string;
  critical: number | null;
  high: number;
  finished_at: Date | null;
};

/**
 * Tagged images whose newest successful scan found the most Critical, then High, vulnerabilities, among readable
 * repositories whose reports the caller may read (cr:GetScanReport). An image no tag points at is left out: nobody
 * pulls it by name any more.
 */
export async function loadVulnerableImages(
  app: AppContext,
  input: { actor: Actor; profile: AccessProfile; readable: Prisma.Sql },
): Promise<OverviewDto['vulnerableImages']> {
  // Ranked before the tag lookup, so only the RANKED worst images are looked up; the lookup goes through the
  // manifest's (repository, digest) key and the tags' manifest index, not through every tag of a large repository.
  const rows = await app.db.$queryRaw<Row[]>`
    WITH latest AS (
      SELECT DISTINCT ON (s.repository_id, s.manifest_digest)
        s.repository_id, s.manifest_digest, s.critical, COALESCE(s.high, 0) AS high, s.finished_at
      FROM scans s
      JOIN repositories r ON r.id = s.repository_id
      JOIN namespaces n ON n.id = r.namespace_id
      WHERE s.status = 'succeeded' AND ${input.readable}
      ORDER BY s.repository_id, s.manifest_digest, s.created_at DESC
    ), ranked AS (
      SELECT * FROM latest l WHERE COALESCE(l.critical, 0) + l.high > 0
      ORDER BY COALESCE(l.critical, 0) DESC, l.high DESC
      LIMIT ${RANKED}
    )
    SELECT l.repository_id::text AS repository_id, r.name AS repository, r.namespace_id::text AS namespace_id,
      r.visibility::text AS visibility, l.manifest_digest AS digest, l.critical, l.high, l.finished_at, tag.name AS tag
    FROM ranked l
    JOIN repositories r ON r.id = l.repository_id
    JOIN LATERAL (
      SELECT t.name FROM tags t
      WHERE t.manifest_id = (SELECT m.id FROM manifests m WHERE m.repository_id = l.repository_id AND m.digest = l.manifest_digest)
      ORDER BY t.pushed_at DESC LIMIT 1
    ) tag ON TRUE
    ORDER BY COALESCE(l.critical, 0) DESC, l.high DESC, r.name
    LIMIT ${CANDIDATES}`;
  return rows
    .filter((r) =>
      allowed(app, input.actor, input.profile, 'cr:GetScanReport', {
        kind: 'repository',
        repository: { id: r.repository_id, name: r.repository, namespaceId: r.namespace_id, visibility: r.visibility },
      }),
    )
    .slice(0, SHOWN)
    .map((r) => ({
      repository: r.repository,
      tag: r.tag,
      digest: r.digest,
      critical: r.critical,
      high: r.high,
      scannedAt: r.finished_at?.toISOString() ?? null,
    }));
}
