import { absent } from '@/lib/errors/domain-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAllowedChange } from '@/lib/services/audit/record-allowed-change';
import { assertNoImmutableTags } from '@/lib/services/immutability/assert-no-immutable-tags';
import { requireRepositoryAction } from './require-repository-action';

/**
 * Deletes a repository with its manifests, tags, grants and upload sessions. Blobs no other repository uses stay in
 * storage until the next garbage collection (lib/services/gc) frees them.
 */
export async function deleteRepository(app: AppContext, input: { actor: Actor; name: string }): Promise<void> {
  const { actor } = input;
  const { repository } = await requireRepositoryAction(app, { actor, name: input.name, action: 'cr:DeleteRepository' });
  // Its tags go with it: one an immutability rule protects makes the delete refused, as the tag's own delete is.
  await assertNoImmutableTags(app.db, { namespaceId: repository.namespaceId, repositoryId: repository.id });
  const { count } = await app.db.repository.deleteMany({ where: { id: repository.id } });
  if (count === 0) throw absent('repository'); // deleted meanwhile
  await recordAllowedChange(app, { actor, action: 'cr:DeleteRepository', target: { kind: 'repository-name', name: repository.name } });
}
