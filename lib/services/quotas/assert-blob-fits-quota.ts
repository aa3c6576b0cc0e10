import type { Db } from '@/lib/db/client';
import { namespaceQuotaOf } from './namespace-quota-of';
import { namespaceUsage } from './namespace-usage';
import { quotaExceeded } from './quota-exceeded';

/**
 * Before a blob is stored (a monolithic upload with its length, or an upload's commit): refuses it when the
 * namespace does not hold it yet and its usage plus the blob's size exceeds the quota. Usage counts what the
 * namespace's manifests reference, so blobs of the same push uploaded before this one are not in it yet: this
 * check refuses what cannot fit early, and assertQuota at manifest PUT stays the final word.
 */
export async function assertBlobFitsQuota(db: Db, input: { repositoryId: string; digest: string; size: number }): Promise<void> {
  const ns = await namespaceQuotaOf(db, input.repositoryId);
  if (!ns) return;
  const [held] = await db.$queryRaw<Array<{ yes: boolean }>>`
    SELECT EXISTS (SELECT 1 FROM manifest_blobs mb JOIN manifests m ON m.id = mb.manifest_id JOIN repositories r ON r.id = m.repository_id
                   WHERE r.namespace_id = ${ns.id}::uuid AND mb.digest = ${input.digest}) AS yes`;
  if (held?.yes) return;
  const needed = (await namespaceUsage(db, ns.id)) + input.size;
  if (needed > ns.quotaBytes) throw quotaExceeded(ns, needed);
}
