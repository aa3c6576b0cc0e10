import type { Action } from '@/lib/access/actions';
import { absent } from '@/lib/errors/domain-error';
import { checkRepositoryName } from '@/lib/oci/names';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from '@/lib/services/access/access-profile';
import { requireAction } from '@/lib/services/access/require-action';
import { findRepository } from './find-repository';
import { READ_REPOSITORY } from './readable-repository-where';
import type { RepositoryRow } from './repository-row';

// The same words for a missing and a hidden repository, so the answer tells nothing about which it was.
const NOT_FOUND_LABEL = 'repository';

/**
 * The repository `name`, if the actor may take `action` on it. Hidden means absent: a repository the actor may not
 * read is NOT_FOUND with the same body as a missing one; a readable one is FORBIDDEN (UNAUTHORIZED when anonymous).
 */
export async function requireRepositoryAction(
  app: AppContext,
  input: { actor: Actor; name: string; action: Action },
): Promise<{ repository: RepositoryRow; profile: AccessProfile }> {
  const repository = checkRepositoryName(input.name) ? null : await findRepository(app, input.name);
  if (!repository) throw absent(NOT_FOUND_LABEL);
  const profile = await requireAction(app, {
    actor: input.actor,
    action: input.action,
    target: { kind: 'repository', repository },
    hiddenUnless: READ_REPOSITORY,
    notFoundLabel: NOT_FOUND_LABEL,
  });
  return { repository, profile };
}
