import type { RepositoryDto, UpdateRepositoryInput } from '@/lib/schemas/repositories';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { REPOSITORY_DTO_SELECT, toRepositoryDto } from './repository-dto';
import { requireRepositoryAction } from './require-repository-action';
import { toDbVisibility } from './visibility';
import { auditResource } from '@/lib/services/access/audit-resource';

/**
 * Summary, Markdown description, visibility and scan on push (null: as the namespace says). Making a repository
 * public lets anyone pull it, anonymously too.
 */
export async function updateRepository(
  app: AppContext,
  input: { actor: Actor; name: string; data: UpdateRepositoryInput },
): Promise<RepositoryDto> {
  const { actor, data } = input;
  const { repository } = await requireRepositoryAction(app, { actor, name: input.name, action: 'cr:UpdateRepository' });
  const row = await app.db.repository.update({
    where: { id: repository.id },
    data: {
      ...(data.summary === undefined ? {} : { summary: data.summary }),
      ...(data.description === undefined ? {} : { description: data.description }),
      ...(data.visibility === undefined ? {} : { visibility: toDbVisibility(data.visibility) }),
      ...(data.scanOnPush === undefined ? {} : { scanOnPush: data.scanOnPush }),
    },
    select: REPOSITORY_DTO_SELECT,
  });
  await recordAuditEvent(app, {
    actor,
    action: 'cr:UpdateRepository',
    ...auditResource(app, { kind: 'repository-name', name: repository.name }),
    outcome: 'allowed',
    // The description can be 100 KB: record that it changed, not what it says.
    detail: {
      changed: Object.keys(data),
      ...(data.visibility ? { visibility: data.visibility } : {}),
      ...(data.scanOnPush === undefined ? {} : { scanOnPush: data.scanOnPush }),
    },
  });
  return toRepositoryDto(row);
}
