import type { Prisma } from '@/lib/db/generated/client';
import type { OverviewDto } from '@/lib/schemas/overview';
import type { AppContext } from '@/lib/services/context';

const RECENT_PUSHES = 10;

/** The newest tag pushes among readable repositories; the tags_pushed_at index serves the order and the LIMIT. */
export async function loadRecentPushes(app: AppContext, readable: Prisma.Sql): Promise<OverviewDto['recentPushes']> {
  const rows = await app.db.$queryRaw<Array<{ repository: string; tag: string; digest: string; pushed_at: Date; pushed_by: string | null }>>`
    SELECT r.name AS repository, t.name AS tag, m.digest, t.pushed_at, u.username AS pushed_by
    FROM tags t
    JOIN repositories r ON r.id = t.repository_id
    JOIN namespaces n ON n.id = r.namespace_id
    JOIN manifests m ON m.id = t.manifest_id
    LEFT JOIN users u ON u.id = t.pushed_by_id
    WHERE ${readable}
    ORDER BY t.pushed_at DESC, t.id
    LIMIT ${RECENT_PUSHES}`;
  return rows.map((r) => ({ repository: r.repository, tag: r.tag, digest: r.digest, pushedAt: r.pushed_at.toISOString(), pushedBy: r.pushed_by }));
}
