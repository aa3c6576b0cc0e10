import type { Action } from '@/lib/access/actions';
import { repositoryNameFromPath } from '@/lib/schemas/repositories';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';

export interface BuildRepository {
  id: string;
  name: string;
  namespaceName: string;
}

/**
 * The repository a build route names, if the actor may take `action` there (cr:ManageBuildRule or cr:RunBuild,
 * repository admins by default). Hidden means absent: NOT_FOUND exactly as for a missing repository.
 */
export async function requireBuildRepository(
  app: AppContext,
  input: { actor: Actor; params: { namespace: string; repository: string }; action: Action },
): Promise<BuildRepository> {
  const { repository } = await requireRepositoryAction(app, { actor: input.actor, name: repositoryNameFromPath(input.params), action: input.action });
  return { id: repository.id, name: repository.name, namespaceName: repository.name.slice(0, repository.name.indexOf('/')) };
}
