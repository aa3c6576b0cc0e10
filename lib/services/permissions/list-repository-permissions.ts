import type { PermissionListDto } from '@/lib/schemas/permissions';
import type { Actor, AppContext } from '@/lib/services/context';
import { listPermissions } from './list-permissions';

/** Who holds a grant on this one repository (namespace grants are listed on the namespace). */
export async function listRepositoryPermissions(app: AppContext, input: { actor: Actor; name: string }): Promise<PermissionListDto> {
  return listPermissions(app, { actor: input.actor, scope: { kind: 'repository', name: input.name } });
}
