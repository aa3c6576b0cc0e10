import type { PermissionListDto } from '@/lib/schemas/permissions';
import type { Actor, AppContext } from '@/lib/services/context';
import { listPermissions } from './list-permissions';

/** Who holds a grant on the namespace (reaching every repository in it). The owner holds admin without a row. */
export async function listNamespacePermissions(app: AppContext, input: { actor: Actor; namespace: string }): Promise<PermissionListDto> {
  return listPermissions(app, { actor: input.actor, scope: { kind: 'namespace', name: input.namespace } });
}
