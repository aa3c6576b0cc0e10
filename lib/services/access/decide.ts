import type { Action } from '@/lib/access/actions';
import { evaluate, type Decision, type Grant } from '@/lib/access/evaluate';
import { instanceResource, namespaceResource, repositoryResource, type ResourceContext } from '@/lib/access/resource';
import { namespaceOf } from '@/lib/oci/names';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from './access-profile';

export type AccessTarget =
  | { kind: 'repository'; repository: { id: string; name: string; namespaceId: string; visibility: 'PUBLIC' | 'PRIVATE' } }
  | { kind: 'namespace'; namespace: { id: string; name: string } }
  | { kind: 'instance' };

export function resourceContext(app: AppContext): ResourceContext {
  return { region: app.config.region, account: app.config.account };
}

export function targetResource(ctx: ResourceContext, target: AccessTarget): string {
  switch (target.kind) {
    case 'repository':
      return repositoryResource(ctx, target.repository.name);
    case 'namespace':
      return namespaceResource(ctx, target.namespace.name);
    case 'instance':
      return instanceResource(ctx);
  }
}

// What a read-only access token may still do.
const READ_ONLY = /^cr:(Get|List)[A-Za-z]*$|^cr:PullRepository$/;

const DENIED_BY_TOKEN: Decision = { decision: 'deny', reason: 'explicit-deny', matched: [] };
const DENIED_INACTIVE: Decision = { decision: 'deny', reason: 'implicit-deny', matched: [] };

/** The decision for one action on one target, with the grants and statements that made it. */
export function decide(app: AppContext, actor: Actor, profile: AccessProfile, action: Action, target: AccessTarget): Decision {
  if (!profile.active) return DENIED_INACTIVE;
  if (actor.kind === 'user' && actor.tokenLimits && !tokenAllows(actor.tokenLimits, action, target)) return DENIED_BY_TOKEN;
  const ctx = resourceContext(app);
  return evaluate({ action, resource: targetResource(ctx, target), grants: grantsFor(ctx, profile, target), policies: profile.policies });
}

export function allowed(app: AppContext, actor: Actor, profile: AccessProfile, action: Action, target: AccessTarget): boolean {
  return decide(app, actor, profile, action, target).decision === 'allow';
}

// Users, policies and the audit trail of the installation are the account's business: only a password, a
// console session or an unrestricted access token reaches them (see require-account-control.ts).
const ACCOUNT_ACTIONS: ReadonlySet<Action> = new Set(['cr:ManageUser', 'cr:ManagePolicy']);

function tokenAllows(limits: { readOnly: boolean; namespaces: readonly string[] }, action: Action, target: AccessTarget): boolean {
  if ((limits.readOnly || limits.namespaces.length > 0) && ACCOUNT_ACTIONS.has(action)) return false;
  if (limits.readOnly && !READ_ONLY.test(action)) return false;
  if (limits.namespaces.length === 0) return true;
  const ns =
    target.kind === 'repository' ? namespaceOf(target.repository.name) : target.kind === 'namespace' ? target.namespace.name : null;
  // A token limited to namespaces reaches nothing installation-wide except reading (the catalog is filtered anyway).
  return ns === null ? READ_ONLY.test(action) : limits.namespaces.includes(ns);
}

export function grantsFor(ctx: ResourceContext, p: AccessProfile, target: AccessTarget): Grant[] {
  const grants: Grant[] = [];
  if (p.isAdmin) grants.push({ source: 'admin', level: 'admin', resource: '*' });
  if (target.kind === 'instance') return grants;
  const nsId = target.kind === 'repository' ? target.repository.namespaceId : target.namespace.id;
  const nsName = target.kind === 'repository' ? namespaceOf(target.repository.name) : target.namespace.name;
  const nsResource = namespaceResource(ctx, nsName);
  if (p.ownedNamespaceIds.has(nsId)) grants.push({ source: 'owner', level: 'admin', resource: nsResource });
  const nsLevel = p.namespaceLevels.get(nsId);
  if (nsLevel) grants.push({ source: 'namespace', level: nsLevel, resource: nsResource });
  if (target.kind === 'repository') {
    const repoResource = repositoryResource(ctx, target.repository.name);
    const repoLevel = p.repositoryLevels.get(target.repository.id);
    if (repoLevel) grants.push({ source: 'repository', level: repoLevel, resource: repoResource });
    if (target.repository.visibility === 'PUBLIC') grants.push({ source: 'public', level: 'read', resource: repoResource });
  }
  return grants;
}
