import type { BuildDto } from '@/lib/schemas/builds';
import type { Actor, AppContext } from '@/lib/services/context';
import { toBuildDto } from './build-dto';
import { findBuild } from './find-build';
import { requireBuildRepository } from './require-build-repository';

export async function getBuild(app: AppContext, input: { actor: Actor; params: { namespace: string; repository: string }; id: string }): Promise<BuildDto> {
  const repo = await requireBuildRepository(app, { actor: input.actor, params: input.params, action: 'cr:RunBuild' });
  return toBuildDto(await findBuild(app, repo.id, input.id));
}
