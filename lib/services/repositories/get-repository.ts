import { absent } from '@/lib/errors/domain-error';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import type { Actor, AppContext } from '@/lib/services/context';
import { REPOSITORY_DTO_SELECT, toRepositoryDto } from './repository-dto';
import { requireRepositoryAction } from './require-repository-action';

export async function getRepository(app: AppContext, input: { actor: Actor; name: string }): Promise<RepositoryDto> {
  const { repository } = await requireRepositoryAction(app, { actor: input.actor, name: input.name, action: 'cr:GetRepository' });
  const row = await app.db.repository.findUnique({ where: { id: repository.id }, select: REPOSITORY_DTO_SELECT });
  if (!row) throw absent('repository'); // deleted meanwhile
  return toRepositoryDto(row);
}
