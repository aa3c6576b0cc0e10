import type { AuditTarget } from '@/lib/services/access/audit-resource';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireNamespaceAction } from '@/lib/services/namespaces/require-namespace-action';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';

/** Where grants are held, as the route names it: a namespace (reaching every repository in it) or one repository. */
export type GrantScopeRef = { kind: 'namespace'; name: string } | { kind: 'repository'; name: string };

export interface GrantScope {
  kind: GrantScopeRef['kind'];
  id: string;
  /** How the audit log files changes to the scope's grants. */
  target: AuditTarget;
}

/** Resolves a scope whose grants the actor may manage (cr:ManagePermission); hidden means absent, as everywhere. */
export async function requireGrantScope(app: AppContext, actor: Actor, ref: GrantScopeRef): Promise<GrantScope> {
  if (ref.kind === 'namespace') {
    const { namespace } = await requireNamespaceAction(app, { actor, name: ref.name, action: 'cr:ManagePermission' });
    return { kind: 'namespace', id: namespace.id, target: { kind: 'namespace-name', name: namespace.name } };
  }
  const { repository } = await requireRepositoryAction(app, { actor, name: ref.name, action: 'cr:ManagePermission' });
  return { kind: 'repository', id: repository.id, target: { kind: 'repository-name', name: repository.name } };
}
