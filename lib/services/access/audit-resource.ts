import { namespaceOf } from '@/lib/oci/names';
import type { AppContext } from '@/lib/services/context';
import type { AccessTarget } from './decide';

/**
 * How the audit log names a target — `repository/<ns>/<name>`, `namespace/<name>` or `instance` — with the
 * namespace's name for people and its id for access (see list-audit-events.ts). Decisions of the gate and the
 * changes services record are filed through this one function, so a resource has one name in the log whichever
 * door it was reached by.
 */
export function auditResource(
  _app: AppContext,
  target: AccessTarget | { kind: 'repository-name'; name: string },
): { resource: string; namespace: string | null; namespaceId?: string | null } {
  switch (target.kind) {
    case 'repository-name':
      return { resource: `repository/${target.name}`, namespace: namespaceOf(target.name) };
    case 'repository':
      return {
        resource: `repository/${target.repository.name}`,
        namespace: namespaceOf(target.repository.name),
        ...(target.repository.namespaceId ? { namespaceId: target.repository.namespaceId } : {}),
      };
    case 'namespace':
      return { resource: `namespace/${target.namespace.name}`, namespace: target.namespace.name, ...(target.namespace.id ? { namespaceId: target.namespace.id } : {}) };
    case 'instance':
      return { resource: 'instance', namespace: null, namespaceId: null };
  }
}
