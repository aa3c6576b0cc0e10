import type { Action } from '@/lib/access/actions';
import { RegistryError } from '@/lib/errors/registry-error';
import type { Actor, AppContext, RegistryAction } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { findRepository } from '@/lib/services/repositories/find-repository';
import { preparePush } from '@/lib/services/repositories/prepare-push';
import type { RepositoryRow } from '@/lib/services/repositories/repository-row';
import { loadAccessProfile, type AccessProfile } from './access-profile';
import { auditResource } from './audit-resource';
import { authorize, type Denial } from './authorize';

export type RepositoryOperation = 'pull' | 'push' | 'delete-tag' | 'delete-manifest';

/**
 * The access actions a registry scope action stands for (Docker token spec actions → Berth's actions): the one
 * table both the token endpoint (grant-scopes.ts) and the registry's checks here read.
 */
export const SCOPE_ACTIONS: Record<RegistryAction, readonly Action[]> = {
  pull: ['cr:PullRepository'],
  push: ['cr:PushRepository'],
  delete: ['cr:DeleteManifest', 'cr:DeleteTag'],
};

const ACTION: Record<RepositoryOperation, Action> = {
  pull: 'cr:PullRepository',
  push: 'cr:PushRepository',
  'delete-tag': 'cr:DeleteTag',
  'delete-manifest': 'cr:DeleteManifest',
};

const SCOPE: Record<RepositoryOperation, RegistryAction> = {
  pull: 'pull',
  push: 'push',
  'delete-tag': 'delete',
  'delete-manifest': 'delete',
};

/**
 * Resolves a repository for an operation by an actor, or throws the error the caller should see. Hidden means
 * absent: a repository the actor may not read answers exactly as a missing one (401 to anonymous callers, so
 * clients offer to log in; NAME_UNKNOWN to everyone else). Readable but not writable is DENIED.
 *
 * The decision is the gate's (authorize.ts); this maps its neutral denial to the registry's terms. A push to a
 * missing repository is handed to preparePush (the push path decides to create, then authorizes); callers that
 * must not create (an upload session names an existing repository) pass `createIfMissing: false`.
 */
export async function authorizeRepository(
  app: AppContext,
  input: {
    actor: Actor;
    name: string;
    action: RepositoryOperation;
    profile?: AccessProfile;
    createIfMissing?: boolean;
    /** The repository row when the caller already fetches it (with what it needs next, in one statement). */
    repository?: Promise<RepositoryRow | null>;
  },
): Promise<RepositoryRow> {
  const { actor, name, action } = input;
  checkRegistryTokenScope(app, actor, name, action);
  const [repo, profile] = await Promise.all([input.repository ?? findRepository(app, name), input.profile ?? loadAccessProfile(app, actor)]);
  if (!repo) {
    // Only requests that start writing create a repository; one that names an upload session cannot have one there.
    if (action === 'push' && input.createIfMissing !== false) return preparePush(app, { actor, name, profile, scopeChecked: true });
    throw absent(actor, name);
  }
  const decision = await authorize(app, actor, ACTION[action], { kind: 'repository', repository: repo }, { profile, visibleWith: 'cr:PullRepository' });
  if (decision.allowed) return repo;
  throw registryErrorFor(decision.denial, actor, name);
}

/** The registry's answer to a denial of the gate. */
export function registryErrorFor(denial: Denial, actor: Actor, name: string): RegistryError {
  // Anonymous callers are always asked to authenticate; a signed-in caller who can read is told it is denied.
  if (denial === 'forbidden') return new RegistryError('DENIED');
  if (denial === 'unauthenticated') return new RegistryError('UNAUTHORIZED');
  return absent(actor, name);
}

export function absent(actor: Actor, name: string): RegistryError {
  if (actor.kind === 'anonymous') return new RegistryError('UNAUTHORIZED');
  return new RegistryError('NAME_UNKNOWN', `repository "${name}" not found`);
}

/** A bearer token allows only what its scope granted when it was issued (Docker token spec). */
export function checkRegistryTokenScope(app: AppContext, actor: Actor, name: string, action: RepositoryOperation): void {
  const access = actor.registryAccess;
  if (!access) return;
  if (access.repositories.get(name)?.has(SCOPE[action])) return;
  // Real clients are refused here (their token was narrowed to what the user may do): audited like any refusal.
  void recordAuditEvent(app, {
    actor,
    action: ACTION[action],
    ...auditResource(app, { kind: 'repository-name', name }),
    outcome: 'denied',
    detail: { reason: 'token scope' },
  });
  // Clients print the body's message: an anonymous caller is told to log in, a signed-in one that access is denied.
  throw new RegistryError(actor.kind === 'anonymous' ? 'UNAUTHORIZED' : 'DENIED', undefined, undefined, 401).withScope(
    `repository:${name}:${SCOPE[action]}`,
  );
}
