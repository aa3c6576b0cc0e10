import type { Db } from '@/lib/db/client';

export interface DeadManifest {
  id: string;
  digest: string;
  /** An index or manifest list: collected before images, so the children it lists are free to go after it. */
  isIndex: boolean;
}

type Row = { id: string; digest: string; subject_digest: string | null; rooted: boolean; is_index: boolean };

/**
 * The manifests of one repository that a collection deleting untagged manifests removes. Kept (live) are: tagged
 * manifests, manifests pushed after `cutoff` (the grace period), and, transitively, the children of a live index,
 * the referrers of a live manifest, and the subject of a live referrer. Everything else is dead, including
 * referrers whose subject is gone or dead. Computed in memory per repository: one repository's manifests are
 * bounded, and a walk over them beats a recursive query whose joins fan out.
 */
export async function findDeadManifests(db: Db, repositoryId: string, cutoff: Date): Promise<DeadManifest[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT m.id::text AS id, m.digest, m.subject_digest,
      (m.created_at >= ${cutoff} OR EXISTS (SELECT 1 FROM tags t WHERE t.manifest_id = m.id)) AS rooted,
      EXISTS (SELECT 1 FROM manifest_children c WHERE c.manifest_id = m.id) AS is_index
    FROM manifests m WHERE m.repository_id = ${repositoryId}::uuid`;
  const edges = await db.$queryRaw<Array<{ id: string; child: string }>>`
    SELECT c.manifest_id::text AS id, c.child_digest AS child FROM manifest_children c
    JOIN manifests m ON m.id = c.manifest_id WHERE m.repository_id = ${repositoryId}::uuid`;
  const byDigest = new Map(rows.map((r) => [r.digest, r]));
  const children = new Map<string, string[]>();
  for (const e of edges) children.set(e.id, [...(children.get(e.id) ?? []), e.child]);
  const referrers = new Map<string, Row[]>();
  for (const r of rows) if (r.subject_digest) referrers.set(r.subject_digest, [...(referrers.get(r.subject_digest) ?? []), r]);

  const live = new Set<string>();
  const queue = rows.filter((r) => r.rooted);
  const visit = (r: Row | undefined) => {
    if (r && !live.has(r.id)) {
      live.add(r.id);
      queue.push(r);
    }
  };
  for (const r of queue) live.add(r.id);
  while (queue.length > 0) {
    const r = queue.pop()!;
    for (const child of children.get(r.id) ?? []) visit(byDigest.get(child));
    for (const referrer of referrers.get(r.digest) ?? []) visit(referrer);
    if (r.subject_digest) visit(byDigest.get(r.subject_digest));
  }
  return rows
    .filter((r) => !live.has(r.id))
    .map((r) => ({ id: r.id, digest: r.digest, isIndex: r.is_index }))
    .sort((a, b) => Number(b.isIndex) - Number(a.isIndex));
}

/** Repositories holding at least one untagged manifest older than `cutoff`: the only ones a collection visits. */
export async function repositoriesWithUntagged(db: Db, cutoff: Date): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT DISTINCT m.repository_id::text AS id FROM manifests m
    WHERE m.created_at < ${cutoff} AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.manifest_id = m.id)`;
  return rows.map((r) => r.id);
}
