import type { BuildDto } from '@/lib/schemas/builds';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAllowedChange } from '@/lib/services/audit/record-allowed-change';
import { toBuildDto } from './build-dto';
import { findBuild } from './find-build';
import { requireBuildRepository } from './require-build-repository';

/**
 * Cancels a build. A queued one ends at once (its job finds it cancelled and does nothing); a running one is marked,
 * and its worker, which looks every second or so, kills buildah's process tree and records it cancelled. A finished
 * build is left as it is.
 */
export async function cancelBuild(app: AppContext, input: { actor: Actor; params: { namespace: string; repository: string }; id: string }): Promise<BuildDto> {
  const { actor } = input;
  const repo = await requireBuildRepository(app, { actor, params: input.params, action: 'cr:RunBuild' });
  const build = await findBuild(app, repo.id, input.id);
  const now = new Date();
  await app.db.build.updateMany({ where: { id: build.id, status: 'queued' }, data: { status: 'cancelled', finishedAt: now, error: 'cancelled before it started', cancelRequested: true } });
  await app.db.build.updateMany({ where: { id: build.id, status: 'running' }, data: { cancelRequested: true } });
  await recordAllowedChange(app, {
    actor,
    action: 'cr:RunBuild',
    target: { kind: 'repository-name', name: repo.name },
    detail: { op: 'cancel', build: build.id, status: build.status },
  });
  return toBuildDto(await findBuild(app, repo.id, build.id));
}
