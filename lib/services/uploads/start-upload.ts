import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';
import { checkOpenUploads } from './check-open-uploads';

export async function startUpload(app: AppContext, input: { actor: Actor; name: string }): Promise<{ id: string }> {
  const repo = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'push' });
  if (input.actor.kind === 'user') await checkOpenUploads(app, input.actor.id);
  const session = await app.db.uploadSession.create({
    data: { repositoryId: repo.id, createdById: input.actor.kind === 'user' ? input.actor.id : null },
    select: { id: true },
  });
  return session;
}
