import type { Action } from '@/lib/access/actions';
import { repositoryNameFromPath } from '@/lib/schemas/repositories';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AuditTarget } from '@/lib/services/access/audit-resource';
import { requireNamespaceAction } from '@/lib/services/namespaces/require-namespace-action';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';

/** Where webhooks are managed, as the request names it. */
export type WebhookScopeRef = { kind: 'repository'; repository: string } | { kind: 'namespace'; namespace: string };

/** The resolved scope: webhooks in it are those with this namespace and this repository (null: namespace-wide). */
export interface WebhookScope {
  namespaceId: string;
  namespaceName: string;
  repositoryId: string | null;
  repositoryName: string | null;
  visibility: 'PUBLIC' | 'PRIVATE' | null;
}

/**
 * Resolves a scope if the actor may take a webhook `action` there; hidden means absent (404), as everywhere.
 * Repository webhooks: the action on the repository (repository admins have them). Namespace webhooks: the action on
 * the namespace (admins, policies), or else cr:UpdateNamespace: the namespace-level table grants no webhook actions,
 * and a namespace-wide webhook is a setting of the namespace, so whoever may change the namespace manages it. An
 * explicit Deny of the webhook action still wins over that.
 */
export async function requireWebhookScope(app: AppContext, input: { actor: Actor; scope: WebhookScopeRef; action: Action }): Promise<WebhookScope> {
  const { actor, scope, action } = input;
  if (scope.kind === 'repository') {
    const { repository } = await requireRepositoryAction(app, { actor, name: scope.repository, action });
    const namespaceName = repository.name.slice(0, repository.name.indexOf('/'));
    return { namespaceId: repository.namespaceId, namespaceName, repositoryId: repository.id, repositoryName: repository.name, visibility: repository.visibility };
  }
  // The gate decides namespace webhooks (lib/services/access/authorize.ts: the webhook action, or else the right to
  // change the namespace); a refusal is audited and is NOT_FOUND when hidden, else FORBIDDEN or UNAUTHORIZED.
  const { namespace } = await requireNamespaceAction(app, { actor, name: scope.namespace, action });
  return { namespaceId: namespace.id, namespaceName: namespace.name, repositoryId: null, repositoryName: null, visibility: null };
}

/** The Prisma `where` for webhooks in a scope. */
export function scopeWhere(scope: WebhookScope) {
  return { namespaceId: scope.namespaceId, repositoryId: scope.repositoryId };
}

/** What audit records name for a scope: its repository, or its namespace for namespace-wide webhooks. */
export function scopeTarget(scope: WebhookScope): AuditTarget {
  return scope.repositoryName ? { kind: 'repository-name', name: scope.repositoryName } : { kind: 'namespace-name', name: scope.namespaceName };
}

/** The scope a repository route names (`/repositories/{namespace}/{repository}/webhooks…`). */
export function repositoryScope(params: { namespace: string; repository: string }): WebhookScopeRef {
  return { kind: 'repository', repository: repositoryNameFromPath(params) };
}

/** The scope a namespace route names (`/namespaces/{namespace}/webhooks…`). */
export function namespaceScope(params: { namespace: string }): WebhookScopeRef {
  return { kind: 'namespace', namespace: params.namespace };
}
