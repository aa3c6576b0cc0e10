import { withApi } from '@/lib/api/with-api';
import { listNamespacePermissions } from '@/lib/services/permissions/list-namespace-permissions';

export const GET = withApi<{ namespace: string }>(async ({ app, actor, params }) =>
  listNamespacePermissions(app, { actor, namespace: params.namespace }),
  { authorize: 'in-service' },
);
