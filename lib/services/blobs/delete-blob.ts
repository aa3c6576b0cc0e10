import { RegistryError } from '@/lib/errors/registry-error';
import { isDigest } from '@/lib/oci/digest';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';
import { auditResource } from '@/lib/services/access/audit-resource';

/**
 * Removes a blob from one repository. Its bytes stay in storage while any repository links them or any manifest
 * references them; otherwise the next garbage collection (lib/services/gc) frees them.
 */
export async function deleteBlob(app: AppContext, input: { actor: Actor; name: string; digest: string }): Promise<void> {
  if (!isDigest(input.digest)) throw new RegistryError('DIGEST_INVALID', `invalid digest "${input.digest.slice(0, 200)}"`);
  const repo = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'delete-manifest' });
  const { count } = await app.db.repositoryBlob.deleteMany({ where: { repositoryId: repo.id, digest: input.digest } });
  if (count === 0) throw new RegistryError('BLOB_UNKNOWN', `blob ${input.digest} is not in ${input.name}`);
  await recordAuditEvent(app, {
    actor: input.actor,
    action: 'cr:DeleteManifest',
    ...auditResource(app, { kind: 'repository-name', name: input.name }),
    outcome: 'allowed',
    detail: { blob: input.digest },
  });
}
