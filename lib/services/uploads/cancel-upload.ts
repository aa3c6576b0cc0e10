import { RegistryError } from '@/lib/errors/registry-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';
import { uploadKey } from '@/lib/storage/keys';
import { isUuid } from './upload-lease';

export async function cancelUpload(app: AppContext, input: { actor: Actor; name: string; id: string }): Promise<void> {
  const repo = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'push', createIfMissing: false });
  if (!isUuid(input.id)) throw new RegistryError('BLOB_UPLOAD_UNKNOWN');
  const { count } = await app.db.uploadSession.deleteMany({ where: { id: input.id, repositoryId: repo.id } });
  if (count === 0) throw new RegistryError('BLOB_UPLOAD_UNKNOWN');
  await app.storage.delete(uploadKey(input.id));
}
