import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import { notFound } from '@/lib/errors/app-error';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import type { Actor, AppContext } from '@/lib/services/context';
import { allowed } from '@/lib/services/access/decide';
import { pickPullTag, type PullTagChoice } from '@/lib/services/tags/pick-pull-tag';
import { repositoryCapabilities } from './repository-capabilities';
import { REPOSITORY_DTO_SELECT, toRepositoryDto } from './repository-dto';
import { requireRepositoryAction } from './require-repository-action';

export interface RepositoryWithCapabilities {
  repository: RepositoryDto;
  can: RepositoryCapabilities;
  /** The tag to offer in a pull command; null without tags, or when the caller may not list them. */
  pullTag: PullTagChoice;
}

/**
 * Everything a repository page needs for its first paint, from one lookup and one authorization check: the
 * repository (NOT_FOUND when missing or hidden, like getRepository), what the caller may do on it, and the tag to
 * offer in a pull command.
 */
export async function getRepositoryWithCapabilities(app: AppContext, input: { actor: Actor; name: string }): Promise<RepositoryWithCapabilities> {
  const { repository, profile } = await requireRepositoryAction(app, { actor: input.actor, name: input.name, action: 'cr:GetRepository' });
  const mayListTags = allowed(app, input.actor, profile, 'cr:ListTag', { kind: 'repository', repository });
  const [row, pullTag] = await Promise.all([
    app.db.repository.findUnique({ where: { id: repository.id }, select: REPOSITORY_DTO_SELECT }),
    mayListTags ? pickPullTag(app, repository.id) : null,
  ]);
  if (!row) throw notFound('repository'); // deleted meanwhile
  return { repository: toRepositoryDto(row), can: repositoryCapabilities(app, input.actor, profile, repository), pullTag };
}
