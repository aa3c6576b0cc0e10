import { RegistryError } from '@/lib/errors/registry-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';
import { isUuid } from './upload-lease';

export async function getUpload(
  app: AppContext,
  input: { actor: Actor; name: string; id: string },
): Promise<{ id: string; size: number }> {
  const repo = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'push', createIfMissing: false });
  if (!isUuid(input.id)) throw new RegistryError('BLOB_UPLOAD_UNKNOWN');
  const session = await app.db.uploadSession.findFirst({
    where: { id: input.id, repositoryId: repo.id },
    select: { id: true, size: true },
  });
  if (!session) throw new RegistryError('BLOB_UPLOAD_UNKNOWN');
  return { id: session.id, size: Number(session.size) };
}
