import { namespaceOf } from '@/lib/oci/names';
import type { AppContext } from '@/lib/services/context';
import { resourceContext, targetResource, type AccessTarget } from './decide';

/**
 * How the audit log names a target: its policy resource (`acs:cr:<region>:<account>:repository/ns/app`), the
 * namespace's name for people and its id for access (see list-audit-events.ts). Every decision and every change
 * is filed through this one function, so a resource has one name in the log whichever door it was reached by.
 */
export function auditResource(
  app: AppContext,
  target: AccessTarget | { kind: 'repository-name'; name: string },
): { resource: string; namespace: string | null; namespaceId?: string | null } {
  const ctx = resourceContext(app);
  switch (target.kind) {
    case 'repository-name':
      return { resource: targetResource(ctx, { kind: 'repository', repository: { id: '', name: target.name, namespaceId: '', visibility: 'PRIVATE' } }), namespace: namespaceOf(target.name) };
    case 'repository':
      return {
        resource: targetResource(ctx, target),
        namespace: namespaceOf(target.repository.name),
        ...(target.repository.namespaceId ? { namespaceId: target.repository.namespaceId } : {}),
      };
    case 'namespace':
      return { resource: targetResource(ctx, target), namespace: target.namespace.name, ...(target.namespace.id ? { namespaceId: target.namespace.id } : {}) };
    case 'instance':
      return { resource: targetResource(ctx, target), namespace: null, namespaceId: null };
  }
}
