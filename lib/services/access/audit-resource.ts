import { namespaceOf } from '@/lib/oci/names';
import type { AppContext } from '@/lib/services/context';
import type { AccessTarget } from './decide';

/** What the audit log can name: the gate's targets, and what else services change (users, tokens, policies…). */
export type AuditTarget =
  | AccessTarget
  | { kind: 'repository-name'; name: string }
  | { kind: 'namespace-name'; name: string }
  | { kind: 'user'; name: string }
  | { kind: 'token'; owner: string; id: string }
  | { kind: 'policy'; name: string }
  | { kind: 'gc-run'; id: string }
  | { kind: 'vulndb'; file?: string };

/**
 * How the audit log names a target — `repository/<ns>/<name>`, `namespace/<name>`, `instance`, `user/<name>`,
 * `user/<owner>/token/<id>`, `policy/<name>`, `gc/<run id>`, `vulndb[/<file>]` — with, for what lives in a
 * namespace, the namespace's name for people and its id for access (see list-audit-events.ts). Decisions of the
 * gate and the changes services record are filed through this one function, so a resource has one name in the log
 * whichever door it was reached by.
 */
export function auditResource(
  _app: AppContext,
  target: AuditTarget,
): { resource: string; namespace: string | null; namespaceId?: string | null } {
  switch (target.kind) {
    case 'repository-name':
      return { resource: `repository/${target.name}`, namespace: namespaceOf(target.name) };
    case 'namespace-name':
      return { resource: `namespace/${target.name}`, namespace: target.name };
    case 'user':
      return { resource: `user/${target.name}`, namespace: null };
    case 'token':
      return { resource: `user/${target.owner}/token/${target.id}`, namespace: null };
    case 'policy':
      return { resource: `policy/${target.name}`, namespace: null };
    case 'gc-run':
      return { resource: `gc/${target.id}`, namespace: null };
    case 'vulndb':
      return { resource: target.file === undefined ? 'vulndb' : `vulndb/${target.file}`, namespace: null };
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
