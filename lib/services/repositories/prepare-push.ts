import type { Actor, AppContext } from '@/lib/services/context';
import { loadAccessProfile, type AccessProfile } from '@/lib/services/access/access-profile';
import { checkRegistryTokenScope, registryErrorFor } from '@/lib/services/access/authorize-repository';
import { authorize } from '@/lib/services/access/authorize';
import { createRepositoryForPush } from './create-repository-on-push';
import { findRepository } from './find-repository';
import type { RepositoryRow } from './repository-row';

/**
 * The repository a push writes to. The push path decides whether to create it (when missing, under the rules of
 * createRepositoryForPush, whose cr:CreateRepository the gate decides), and then the gate authorizes the push
 * itself on the repository as it now is: creation is a step of pushing, never a side effect of a permission check.
 */
export async function preparePush(
  app: AppContext,
  input: { actor: Actor; name: string; profile?: AccessProfile; scopeChecked?: boolean },
): Promise<RepositoryRow> {
  const { actor, name } = input;
  if (!input.scopeChecked) checkRegistryTokenScope(app, actor, name, 'push');
  let profile = input.profile ?? (await loadAccessProfile(app, actor));
  let repository = await findRepository(app, name);
  if (!repository) ({ repository, profile } = await createRepositoryForPush(app, actor, profile, name));
  const decision = await authorize(app, actor, 'cr:PushRepository', { kind: 'repository', repository }, { profile, visibleWith: 'cr:PullRepository' });
  if (decision.allowed) return repository;
  throw registryErrorFor(decision.denial, actor, name);
}
