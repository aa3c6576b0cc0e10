import { queryPrepared } from '@/lib/db/client';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';
import { assertRoomToUpload } from '@/lib/services/quotas/assert-room-to-upload';
import { checkOpenUploads } from './check-open-uploads';

export async function startUpload(app: AppContext, input: { actor: Actor; name: string }): Promise<{ id: string }> {
  const repo = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'push' });
  if (input.actor.kind === 'user') await checkOpenUploads(app, input.actor.id);
  await assertRoomToUpload(app.db, { repositoryId: repo.id });
  const rows = await queryPrepared<{ id: string }>(
    app.db,
    'berth-start-upload',
    'INSERT INTO upload_sessions (repository_id, created_by_id) VALUES ($1::uuid, $2::uuid) RETURNING id::text AS id',
    [repo.id, input.actor.kind === 'user' ? input.actor.id : null],
  );
  return { id: rows[0]!.id };
}
