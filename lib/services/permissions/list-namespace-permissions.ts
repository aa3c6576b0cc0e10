import type { PermissionListDto } from '@/lib/schemas/permissions';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireNamespaceAction } from '@/lib/services/namespaces/require-namespace-action';
import { fromDbLevel } from './permission-level';

/** Who holds a grant on the namespace (reaching every repository in it). The owner holds admin without a row. */
export async function listNamespacePermissions(app: AppContext, input: { actor: Actor; namespace: string }): Promise<PermissionListDto> {
  const { namespace } = await requireNamespaceAction(app, { actor: input.actor, name: input.namespace, action: 'cr:ManagePermission' });
  const rows = await app.db.namespacePermission.findMany({
    where: { namespaceId: namespace.id },
    select: { level: true, createdAt: true, user: { select: { username: true } } },
    orderBy: { user: { username: 'asc' } },
  });
  return { items: rows.map((r) => ({ username: r.user.username, level: fromDbLevel(r.level), createdAt: r.createdAt.toISOString() })) };
}
