import { parseBody, withApi } from '@/lib/api/with-api';
import { setPermissionSchema } from '@/lib/schemas/permissions';
import { revokeNamespacePermission } from '@/lib/services/permissions/revoke-namespace-permission';
import { setNamespacePermission } from '@/lib/services/permissions/set-namespace-permission';

type Params = { namespace: string; username: string };

export const PUT = withApi<Params>(async ({ app, actor, req, params }) => {
  const { level } = await parseBody(req, setPermissionSchema);
  return setNamespacePermission(app, { actor, namespace: params.namespace, username: params.username, level });
}, { authorize: 'in-service' });

export const DELETE = withApi<Params>(async ({ app, actor, params }) =>
  revokeNamespacePermission(app, { actor, namespace: params.namespace, username: params.username }),
  { authorize: 'in-service' },
);
