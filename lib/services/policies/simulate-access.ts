import type { Action } from '@/lib/access/actions';
import { evaluate, type Decision, type DecisionMatch } from '@/lib/access/evaluate';
import { parseResource } from '@/lib/access/resource';
import { absent, DomainError } from '@/lib/errors/domain-error';
import type { SimulateAccessInput, SimulationDto } from '@/lib/schemas/policies';
import type { Actor, AppContext, UserActor } from '@/lib/services/context';
import { loadAccessProfile, type AccessProfile } from '@/lib/services/access/access-profile';
import { permits } from '@/lib/services/access/authorize';
import { grantsFor, resourceContext, type AccessTarget } from '@/lib/services/access/decide';
import { isNamespaceVisible } from '@/lib/services/namespaces/is-namespace-visible';
import { requireAction } from '@/lib/services/access/require-action';
import { findRepository } from '@/lib/services/repositories/find-repository';

/**
 * What a user may do, explained: the decision for `action` on `resource` from that user's grants and attached
 * policies, evaluated as the registry and the API evaluate it (without the limits of any access token). Admins
 * (cr:ManagePolicy) simulate anyone; every user may simulate themselves.
 *
 * A repository or namespace that exists is looked up, so owner, permission and public grants count. One that does
 * not exist has no such grants: a missing repository gets only what its namespace (if that exists) grants, as a
 * push creating it would, and the admin grant; anything else comes from policies.
 *
 * Hidden means absent: a repository or namespace the caller may not see (with the caller's own grants and token
 * limits) is simulated exactly as one that does not exist, so the answer reveals nothing about it.
 */
export async function simulateAccess(app: AppContext, input: { actor: Actor; data: SimulateAccessInput }): Promise<SimulationDto> {
  const { actor, data } = input;
  const self = actor.kind === 'user' && actor.username === data.username;
  if (!self) await requireAction(app, { actor, action: 'cr:ManagePolicy', target: { kind: 'instance' } });
  const ctx = resourceContext(app);
  const parsed = parseResource(data.resource);
  if (!parsed || parsed.kind === 'any') throw resourceError('must name one resource, not a pattern');
  if (parsed.region !== ctx.region || parsed.account !== ctx.account) {
    throw resourceError(`belongs to another installation: resources here start with acs:cr:${ctx.region}:${ctx.account}:`);
  }
  const user = await app.db.user.findUnique({ where: { username: data.username }, select: { id: true, username: true, isAdmin: true } });
  if (!user) throw absent(`user "${data.username}"`);
  const simulated: UserActor = { kind: 'user', id: user.id, username: user.username, isAdmin: user.isAdmin };

  const callerProfile = await loadAccessProfile(app, actor);
  const [profile, { target, exists }] = await Promise.all([loadAccessProfile(app, simulated), findTarget(app, parsed, { actor, profile: callerProfile })]);
  const action = data.action as Action; // checked by simulateAccessSchema
  if (!profile.active) {
    return { decision: 'deny', reason: 'implicit-deny', matched: [], explanation: `Denied: user "${user.username}" is disabled.`, resourceExists: exists };
  }
  const decision = evaluate({ action, resource: data.resource, grants: grantsFor(ctx, profile, target), policies: profile.policies });
  return { ...decision, explanation: explain(decision, action, data.resource), resourceExists: exists };
}

type Parsed = NonNullable<ReturnType<typeof parseResource>>;

async function findTarget(
  app: AppContext,
  parsed: Parsed,
  caller: { actor: Actor; profile: AccessProfile },
): Promise<{ target: AccessTarget; exists: boolean }> {
  if (parsed.kind === 'instance' || parsed.kind === 'any') return { target: { kind: 'instance' }, exists: true };
  if (parsed.kind === 'repository') {
    const repository = await findRepository(app, parsed.name);
    if (repository && permits(app, caller.actor, caller.profile, 'cr:PullRepository', { kind: 'repository', repository })) {
      return { target: { kind: 'repository', repository }, exists: true };
    }
  }
  const found = await app.db.namespace.findUnique({ where: { name: parsed.namespace }, select: { id: true, name: true } });
  const namespace = found && (await isNamespaceVisible(app, { ...caller, namespace: found })) ? found : null;
  // A namespace that does not exist has no owner or members: the empty id matches no grant.
  const target: AccessTarget = { kind: 'namespace', namespace: namespace ?? { id: '', name: parsed.namespace } };
  return { target, exists: parsed.kind === 'namespace' && namespace !== null };
}

function resourceError(message: string): DomainError {
  return new DomainError('invalid', `resource: ${message}`, { fields: [{ path: 'resource', message }] });
}

const GRANT_LABEL: Record<Extract<DecisionMatch, { kind: 'grant' }>['source'], string> = {
  admin: 'installation admin',
  owner: 'namespace owner',
  namespace: 'namespace permission',
  repository: 'repository permission',
  public: 'public repository',
};

function describe(match: DecisionMatch): string {
  if (match.kind === 'policy') return `policy "${match.policy}" statement ${match.statementIndex} (${match.effect})`;
  return `the ${GRANT_LABEL[match.source]} grant${match.level && match.source !== 'admin' ? ` (${match.level})` : ''}`;
}

function explain(decision: Decision, action: Action, resource: string): string {
  const by = decision.matched.map(describe).join(', ');
  switch (decision.reason) {
    case 'allowed':
      return `Allowed by ${by}.`;
    case 'explicit-deny':
      return `Denied explicitly by ${by}; an explicit Deny overrides every grant and Allow.`;
    case 'implicit-deny':
      return `Denied implicitly: no grant or Allow statement covers ${action} on ${resource}.`;
  }
}
