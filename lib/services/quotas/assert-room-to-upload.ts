import type { Db } from '@/lib/db/client';
import { namespaceQuotaOf } from './namespace-quota-of';
import { namespaceUsage } from './namespace-usage';
import { quotaExceeded } from './quota-exceeded';

/**
 * At the start of an upload (POST), before a byte arrives: refuses it when the namespace already uses more than its
 * quota, where any new blob would be refused at manifest PUT anyway. A namespace exactly at its quota is left to the
 * check at commit, which knows the blob (one the namespace already holds adds nothing).
 */
export async function assertRoomToUpload(db: Db, input: { repositoryId: string }): Promise<void> {
  const ns = await namespaceQuotaOf(db, input.repositoryId);
  if (!ns) return;
  const usage = await namespaceUsage(db, ns.id);
  if (usage > ns.quotaBytes) throw quotaExceeded(ns, usage);
}
