import type { NamespaceDto, UpdateNamespaceInput } from '@/lib/schemas/namespaces';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { toDbVisibility } from '@/lib/services/repositories/visibility';
import { loadNamespaceDto } from './load-namespace-dto';
import { requireAction } from '@/lib/services/access/require-action';
import { requireNamespaceAction } from './require-namespace-action';
import { auditResource } from '@/lib/services/access/audit-resource';

/**
 * Changes what a push does: to a new repository name, whether it creates the repository and how visible; to a tag,
 * whether the image is scanned (repositories may override that).
 */
export async function updateNamespace(
  app: AppContext,
  input: { actor: Actor; name: string; data: UpdateNamespaceInput },
): Promise<NamespaceDto> {
  const { actor, data } = input;
  const { namespace, profile } = await requireNamespaceAction(app, { actor, name: input.name, action: 'cr:UpdateNamespace' });
  // A quota limits the namespace's owner, so only the installation's storage administrators set it.
  if (data.quotaBytes !== undefined) await requireAction(app, { actor, action: 'cr:ManageStorage', target: { kind: 'instance' }, profile });
  await app.db.namespace.update({
    where: { id: namespace.id },
    data: {
      ...(data.autoCreateRepository === undefined ? {} : { autoCreateRepository: data.autoCreateRepository }),
      ...(data.defaultVisibility === undefined ? {} : { defaultVisibility: toDbVisibility(data.defaultVisibility) }),
      ...(data.scanOnPush === undefined ? {} : { scanOnPush: data.scanOnPush }),
      ...(data.quotaBytes === undefined ? {} : { quotaBytes: data.quotaBytes === null ? null : BigInt(data.quotaBytes) }),
    },
  });
  await recordAuditEvent(app, {
    actor,
    action: 'cr:UpdateNamespace',
    ...auditResource(app, { kind: 'namespace-name', name: namespace.name }),
    outcome: 'allowed',
    detail: { changed: data },
  });
  return loadNamespaceDto(app, { actor, profile, id: namespace.id });
}
