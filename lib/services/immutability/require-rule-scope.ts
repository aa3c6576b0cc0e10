import { repositoryNameFromPath } from '@/lib/schemas/repositories';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireNamespaceAction } from '@/lib/services/namespaces/require-namespace-action';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { auditResource } from '@/lib/services/access/audit-resource';

/** Where tag rules (immutability, retention) are managed, as the request names it. */
export type RuleScopeRef = { kind: 'repository'; repository: string } | { kind: 'namespace'; namespace: string };

export interface RuleScope {
  namespaceId: string;
  namespaceName: string;
  /** null: the rules of the whole namespace. */
  repositoryId: string | null;
  /** `repository/team/app` or `namespace/team`, as the audit log names it. */
  resource: string;
}

export function repositoryRuleScope(params: { namespace: string; repository: string }): RuleScopeRef {
  return { kind: 'repository', repository: repositoryNameFromPath(params) };
}

export function namespaceRuleScope(params: { namespace: string }): RuleScopeRef {
  return { kind: 'namespace', namespace: params.namespace };
}

/**
 * Resolves a rule scope if the actor may read it (`write: false`: cr:GetRepository / cr:GetNamespace) or change it
 * (`write: true`: cr:UpdateRepository / cr:UpdateNamespace; rules are settings of the repository or namespace).
 * Hidden means absent, as everywhere.
 */
export async function requireRuleScope(app: AppContext, input: { actor: Actor; scope: RuleScopeRef; write: boolean }): Promise<RuleScope> {
  const { actor, scope, write } = input;
  if (scope.kind === 'repository') {
    const { repository } = await requireRepositoryAction(app, { actor, name: scope.repository, action: write ? 'cr:UpdateRepository' : 'cr:GetRepository' });
    const namespaceName = repository.name.slice(0, repository.name.indexOf('/'));
    return { namespaceId: repository.namespaceId, namespaceName, repositoryId: repository.id, resource: auditResource(app, { kind: 'repository-name', name: repository.name }).resource };
  }
  const { namespace } = await requireNamespaceAction(app, { actor, name: scope.namespace, action: write ? 'cr:UpdateNamespace' : 'cr:GetNamespace' });
  return { namespaceId: namespace.id, namespaceName: namespace.name, repositoryId: null, resource: auditResource(app, { kind: 'namespace-name', name: namespace.name }).resource };
}
