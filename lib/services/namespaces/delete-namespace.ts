import { absent, DomainError } from '@/lib/errors/domain-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAllowedChange } from '@/lib/services/audit/record-allowed-change';
import { assertNoImmutableTags } from '@/lib/services/immutability/assert-no-immutable-tags';
import { requireNamespaceAction } from './require-namespace-action';

/**
 * Deletes a namespace with every repository in it (their manifests, tags, grants and upload sessions go by
 * cascade; their blobs' storage is freed by the next garbage collection, lib/services/gc). The console asks for the name to be typed again, and so does
 * the API: `confirm` must equal the namespace name.
 */
export async function deleteNamespace(app: AppContext, input: { actor: Actor; name: string; confirm?: string }): Promise<void> {
  const { actor } = input;
  const { namespace } = await requireNamespaceAction(app, { actor, name: input.name, action: 'cr:DeleteNamespace' });
  if (input.confirm !== namespace.name) {
    throw new DomainError('invalid', 'confirm: type the namespace name to confirm deleting it and all its repositories', {
      fields: [{ path: 'confirm', message: 'must equal the namespace name' }],
    });
  }
  await assertNoImmutableTags(app.db, { namespaceId: namespace.id });
  const repositories = await app.db.repository.count({ where: { namespaceId: namespace.id } });
  const { count } = await app.db.namespace.deleteMany({ where: { id: namespace.id } });
  if (count === 0) throw absent('namespace'); // deleted meanwhile
  await recordAllowedChange(app, {
    actor,
    action: 'cr:DeleteNamespace',
    // By its id too: once it is gone, the name no longer finds the namespace whose history this event belongs to.
    target: { kind: 'namespace', namespace: { id: namespace.id, name: namespace.name } },
    detail: { repositories },
  });
}
