import type { RegistryAccess } from '@/lib/auth/registry-token';
import type { Scope } from '@/lib/auth/scope';
import { namespaceOf } from '@/lib/oci/names';
import type { Actor, AppContext, RegistryAction } from '@/lib/services/context';
import { loadAccessProfile, type AccessProfile } from '@/lib/services/access/access-profile';
import { SCOPE_ACTIONS } from '@/lib/services/access/authorize-repository';
import { permits } from '@/lib/services/access/authorize';
import { mayCreateNamespace } from '@/lib/services/access/may-create-namespace';
import { findRepository } from '@/lib/services/repositories/find-repository';

/**
 * The access a registry token carries: for each requested scope, the subset of its actions the actor may take
 * now. Less than asked is not an error (Docker token spec); hidden repositories simply get nothing.
 */
export async function grantScopes(app: AppContext, actor: Actor, scopes: readonly Scope[]): Promise<RegistryAccess[]> {
  const profile = await loadAccessProfile(app, actor);
  const granted: RegistryAccess[] = [];
  for (const scope of scopes) {
    if (scope.type === 'registry') {
      // Everyone may ask for the catalog; it lists only what the caller can read.
      granted.push({ type: 'registry', name: 'catalog', actions: ['*'] });
      continue;
    }
    const wanted = new Set<RegistryAction>(scope.actions.includes('*') ? ['pull', 'push', 'delete'] : (scope.actions as RegistryAction[]));
    const actions = await allowedActions(app, actor, profile, scope.name, wanted);
    granted.push({ type: 'repository', name: scope.name, actions });
  }
  return granted;
}

async function allowedActions(
  app: AppContext,
  actor: Actor,
  profile: AccessProfile,
  name: string,
  wanted: ReadonlySet<RegistryAction>,
): Promise<RegistryAction[]> {
  const repo = await findRepository(app, name);
  const out: RegistryAction[] = [];
  if (!repo) {
    if (wanted.has('push') && (await mayPushNew(app, actor, profile, name))) out.push('push', ...(wanted.has('pull') ? (['pull'] as const) : []));
    return out;
  }
  const target = { kind: 'repository', repository: repo } as const;
  for (const scopeAction of ['pull', 'push', 'delete'] as const) {
    if (wanted.has(scopeAction) && SCOPE_ACTIONS[scopeAction].every((a) => permits(app, actor, profile, a, target))) out.push(scopeAction);
  }
  return out;
}

/** A push that would create the repository (and perhaps its namespace) on arrival. */
async function mayPushNew(app: AppContext, actor: Actor, profile: AccessProfile, name: string): Promise<boolean> {
  if (actor.kind !== 'user') return false;
  const namespace = await app.db.namespace.findUnique({ where: { name: namespaceOf(name) } });
  if (!namespace) return mayCreateNamespace(app, actor, profile, namespaceOf(name));
  if (!namespace.autoCreateRepository) return false;
  return permits(app, actor, profile, 'cr:CreateRepository', {
    kind: 'repository',
    repository: { id: '', name, namespaceId: namespace.id, visibility: namespace.defaultVisibility },
  });
}
