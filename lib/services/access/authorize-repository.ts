import type { Action } from '@/lib/access/actions';
import { RegistryError } from '@/lib/errors/registry-error';
import { namespaceOf } from '@/lib/oci/names';
import type { Actor, AppContext, RegistryAction } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { createRepositoryOnPush } from '@/lib/services/repositories/create-repository-on-push';
import { findRepository } from '@/lib/services/repositories/find-repository';
import type { RepositoryRow } from '@/lib/services/repositories/repository-row';
import { loadAccessProfile, type AccessProfile } from './access-profile';
import { repositoryResource } from '@/lib/access/resource';
import { allowed, resourceContext, targetResource } from './decide';

export type RepositoryOperation = 'pull' | 'push' | 'delete-tag' | 'delete-manifest';

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
  try {
    checkTokenScope(actor, name, action);
  } catch (err) {
    // Real clients are refused here (their token was narrowed to what the user may do): audited like any refusal.
    void recordAuditEvent(app, {
      actor,
      action: ACTION[action],
      resource: repositoryResource(resourceContext(app), name),
      namespace: namespaceOf(name),
      outcome: 'denied',
      detail: { reason: 'token scope' },
    });
    throw err;
  }
  const [repo, profile] = await Promise.all([input.repository ?? findRepository(app, name), input.profile ?? loadAccessProfile(app, actor)]);
  if (!repo) {
    // Only requests that start writing create a repository; one that names an upload session cannot have one there.
    if (action === 'push' && input.createIfMissing !== false) return createRepositoryOnPush(app, actor, profile, name);
    throw absent(actor, name);
  }
  const target = { kind: 'repository', repository: repo } as const;
  if (allowed(app, actor, profile, ACTION[action], target)) return repo;
  const readable = action !== 'pull' && allowed(app, actor, profile, 'cr:PullRepository', target);
  void recordAuditEvent(app, {
    actor,
    action: ACTION[action],
    resource: targetResource(resourceContext(app), target),
    namespace: namespaceOf(name),
    outcome: 'denied',
  });
  // Anonymous callers are always asked to authenticate; a signed-in caller who can read is told it is denied.
  if (readable && actor.kind !== 'anonymous') throw new RegistryError('DENIED');
  throw absent(actor, name);
}

export function absent(actor: Actor, name: string): RegistryError {
  if (actor.kind === 'anonymous') return new RegistryError('UNAUTHORIZED');
  return new RegistryError('NAME_UNKNOWN', `repository "${name}" not found`);
}

/** A bearer token allows only what its scope granted when it was issued (Docker token spec). */
function checkTokenScope(actor: Actor, name: string, action: RepositoryOperation): void {
  const access = actor.registryAccess;
  if (!access) return;
  if (access.repositories.get(name)?.has(SCOPE[action])) return;
  // Clients print the body's message: an anonymous caller is told to log in, a signed-in one that access is denied.
  throw new RegistryError(actor.kind === 'anonymous' ? 'UNAUTHORIZED' : 'DENIED', undefined, undefined, 401).withScope(
    `repository:${name}:${SCOPE[action]}`,
  );
}
