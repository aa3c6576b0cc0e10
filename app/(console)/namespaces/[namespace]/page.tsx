import { getNamespace } from '@/lib/services/namespaces/get-namespace';
import { listNamespacePermissions } from '@/lib/services/permissions/list-namespace-permissions';
import { NamespaceDetail } from '@/components/namespaces/namespace-detail';
import { namespaceCapabilities } from '../../capabilities';
import { namedPageRequest } from '../../named-page-request';
import { titledBy } from '../../page-params';
import { loadOrNotFound } from '../../load-or-not-found';
import { mayOnInstance } from '../../users/instance-access';

type Props = { params: Promise<{ namespace: string }> };

export const generateMetadata = titledBy('namespace');

/**
 * First paint from the services directly (the same calls the REST API makes), so a hidden namespace is a real 404
 * and controls the user may not use are never rendered. Later reads and every change go through the REST API.
 */
export default async function NamespacePage(props: Props) {
  const { name, app, actor } = await namedPageRequest(props, 'namespace');
  const [ns, can] = await loadOrNotFound(() => Promise.all([getNamespace(app, { actor, name }), namespaceCapabilities(app, actor, name)]));
  const permissions = can.managePermissions ? await listNamespacePermissions(app, { actor, namespace: name }) : undefined;
  // The quota is an installation setting (cr:ManageStorage), asked quietly as the services would decide it.
  const canManageQuota = await mayOnInstance(app, actor, 'cr:ManageStorage');
  return <NamespaceDetail initial={ns} can={can} initialPermissions={permissions} canManageQuota={canManageQuota} />;
}
