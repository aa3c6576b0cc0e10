import type { AppContext } from '@/lib/services/context';

/** When vulnerability records were last added or changed; null while there are none. */
export async function vulnDataUpdatedAt(app: AppContext): Promise<Date | null> {
  const result = await app.db.vulnRecord.aggregate({ _max: { updatedAt: true } });
  return result._max.updatedAt ?? null;
}
