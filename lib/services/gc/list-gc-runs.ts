import type { GcRunListDto } from '@/lib/schemas/gc';
import type { Actor, AppContext } from '@/lib/services/context';
import { toGcRunDto } from './gc-run-dto';
import { requireStorageAdmin } from './require-storage-admin';

/** The newest runs first (at most `limit`), with the schedule of automatic runs. */
export async function listGcRuns(app: AppContext, input: { actor: Actor; limit?: number }): Promise<GcRunListDto> {
  await requireStorageAdmin(app, input.actor);
  const rows = await app.db.gcRun.findMany({ orderBy: { createdAt: 'desc' }, take: Math.min(Math.max(input.limit ?? 50, 1), 200) });
  return { runs: rows.map((r) => toGcRunDto(r)), schedule: app.config.gcSchedule };
}
