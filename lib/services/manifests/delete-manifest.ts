import { RegistryError } from '@/lib/errors/registry-error';
import { isDigest, looksLikeDigest } from '@/lib/oci/digest';
import { isTag } from '@/lib/oci/names';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';
import { removeTags } from '@/lib/services/tags/remove-tags';
import { auditResource } from '@/lib/services/access/audit-resource';

/**
 * DELETE on a manifest reference. By tag: only that tag goes; the manifest and its other tags stay. By digest: the
 * manifest goes with every tag pointing at it. Its blobs stay linked to the repository until the next garbage
 * collection (lib/services/gc) unlinks and frees those no other manifest references.
 */
export async function deleteManifest(
  app: AppContext,
  input: { actor: Actor; name: string; reference: string },
): Promise<{ deleted: 'tag' | 'manifest' }> {
  const { reference } = input;
  const byDigest = looksLikeDigest(reference);
  if (byDigest && !isDigest(reference)) throw new RegistryError('DIGEST_INVALID', `invalid digest "${reference.slice(0, 200)}"`);
  if (!byDigest && !isTag(reference)) throw new RegistryError('MANIFEST_INVALID', `invalid tag "${reference.slice(0, 200)}"`);
  const repository = await authorizeRepository(app, { actor: input.actor, name: input.name, action: byDigest ? 'delete-manifest' : 'delete-tag' });
  const removed = await removeTags(app, byDigest ? { actor: input.actor, repository, digest: reference } : { actor: input.actor, repository, tag: reference });
  if (!removed) throw new RegistryError('MANIFEST_UNKNOWN', byDigest ? `manifest ${reference} not found in ${input.name}` : `tag ${reference} not found in ${input.name}`);
  await recordAuditEvent(app, {
    actor: input.actor,
    action: byDigest ? 'cr:DeleteManifest' : 'cr:DeleteTag',
    ...auditResource(app, { kind: 'repository-name', name: input.name }),
    outcome: 'allowed',
    detail: { reference },
  });
  return { deleted: byDigest ? 'manifest' : 'tag' };
}
