import type { Db } from '@/lib/db/client';
import { findDeadManifests, repositoriesWithUntagged } from './find-dead-manifests';
import { lockManifests } from './gc-locks';

const BATCH = 1000;
// An index and its children can go in one run: children wait for a later round when their index is in the same batch.
const MAX_ROUNDS = 4;
export const GC_TRANSACTION = { timeout: 120_000, maxWait: 60_000 } as const;

/**
 * Deletes the untagged manifests nothing keeps (find-dead-manifests.ts), repository by repository, in batches. Each
 * batch takes the manifests' collection locks exclusively and deletes only those that, under the locks, are still
 * untagged, older than the cutoff, listed by no index, and the subject of no tagged or recent referrer: whatever a
 * push made reachable since the walk (it holds the same locks while it writes) stays. A dry run deletes nothing and
 * returns the ids that would go.
 */
export async function collectManifests(
  db: Db,
  input: { cutoff: Date; dryRun: boolean; onProgress?: (deleted: number) => Promise<void> },
): Promise<{ deleted: number; wouldDelete: string[] }> {
  const { cutoff } = input;
  let deleted = 0;
  const wouldDelete: string[] = [];
  for (const repositoryId of await repositoriesWithUntagged(db, cutoff)) {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const dead = await findDeadManifests(db, repositoryId, cutoff);
      if (input.dryRun) {
        deleted += dead.length;
        wouldDelete.push(...dead.map((m) => m.id));
        break;
      }
      let thisRound = 0;
      for (let i = 0; i < dead.length; i += BATCH) {
        const batch = dead.slice(i, i + BATCH);
        thisRound += await db.$transaction(async (tx) => {
          await lockManifests(tx, repositoryId, batch.map((m) => m.digest), 'exclusive');
          const ids = batch.map((m) => m.id);
          return tx.$executeRaw`
            DELETE FROM manifests m WHERE m.id = ANY(${ids}::uuid[]) AND m.created_at < ${cutoff}
              AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.manifest_id = m.id)
              AND NOT EXISTS (SELECT 1 FROM manifest_children c JOIN manifests p ON p.id = c.manifest_id
                              WHERE p.repository_id = m.repository_id AND c.child_digest = m.digest)
              AND NOT EXISTS (SELECT 1 FROM manifests r WHERE r.repository_id = m.repository_id AND r.subject_digest = m.digest
                              AND (r.created_at >= ${cutoff} OR EXISTS (SELECT 1 FROM tags t WHERE t.manifest_id = r.id)))`;
        }, GC_TRANSACTION);
      }
      deleted += thisRound;
      await input.onProgress?.(deleted);
      if (thisRound === 0 || thisRound === dead.length) break;
    }
  }
  return { deleted, wouldDelete };
}
