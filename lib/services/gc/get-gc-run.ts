import { absent } from '@/lib/errors/domain-error';
import type { GcRunDto } from '@/lib/schemas/gc';
import type { Actor, AppContext } from '@/lib/services/context';
import { toGcRunDto } from './gc-run-dto';
import { requireStorageAdmin } from './require-storage-admin';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getGcRun(app: AppContext, input: { actor: Actor; id: string }): Promise<GcRunDto> {
  await requireStorageAdmin(app, input.actor);
  const row = UUID.test(input.id) ? await app.db.gcRun.findUnique({ where: { id: input.id } }) : null;
  if (!row) throw absent('garbage collection run');
  return toGcRunDto(row);
}
