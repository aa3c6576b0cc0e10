import type { PermissionListDto } from '@/lib/schemas/permissions';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { fromDbLevel } from './permission-level';

/** Who holds a grant on this one repository (namespace grants are listed on the namespace). */
export async function listRepositoryPermissions(app: AppContext, input: { actor: Actor; name: string }): Promise<PermissionListDto> {
  const { repository } = await requireRepositoryAction(app, { actor: input.actor, name: input.name, action: 'cr:ManagePermission' });
  const rows = await app.db.repositoryPermission.findMany({
    where: { repositoryId: repository.id },
    select: { level: true, createdAt: true, user: { select: { username: true } } },
    orderBy: { user: { username: 'asc' } },
  });
  return { items: rows.map((r) => ({ username: r.user.username, level: fromDbLevel(r.level), createdAt: r.createdAt.toISOString() })) };
}
