import type { Actor, AppContext } from '@/lib/services/context';
import { requireStorageAdmin } from './require-storage-admin';

export interface StorageUsage {
  /** Distinct blobs the registry stores, each counted once however many repositories link it. */
  blobs: number;
  bytes: number;
}

/** What the registry's blob store holds now, for the Storage page (administrators only, as GC is). */
export async function getStorageUsage(app: AppContext, input: { actor: Actor }): Promise<StorageUsage> {
  await requireStorageAdmin(app, input.actor);
  const agg = await app.db.blob.aggregate({ _count: { _all: true }, _sum: { size: true } });
  return { blobs: agg._count._all, bytes: Number(agg._sum.size ?? 0n) };
}
