import type { Actor, AppContext } from '@/lib/services/context';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { pickPullTag, type PullTagChoice } from './pick-pull-tag';


/**
 * The tag a "pull" command on the repository page should name (see pickPullTag), for a caller allowed to list the
 * repository's tags. The reason is returned so the page can say which it is. Null for a repository without tags.
 */
export async function choosePullTag(app: AppContext, input: { actor: Actor; name: string }): Promise<PullTagChoice> {
  const { repository } = await requireRepositoryAction(app, { actor: input.actor, name: input.name, action: 'cr:ListTag' });
  return pickPullTag(app, repository.id);
}
