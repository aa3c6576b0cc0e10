import { parseBody, withApi } from '@/lib/api/with-api';
import { setPermissionSchema } from '@/lib/schemas/permissions';
import { repositoryNameFromPath } from '@/lib/schemas/repositories';
import { revokeRepositoryPermission } from '@/lib/services/permissions/revoke-repository-permission';
import { setRepositoryPermission } from '@/lib/services/permissions/set-repository-permission';

type Params = { namespace: string; repository: string; username: string };

export const PUT = withApi<Params>(async ({ app, actor, req, params }) => {
  const { level } = await parseBody(req, setPermissionSchema);
  return setRepositoryPermission(app, { actor, name: repositoryNameFromPath(params), username: params.username, level });
}, { authorize: 'in-service' });

export const DELETE = withApi<Params>(async ({ app, actor, params }) =>
  revokeRepositoryPermission(app, { actor, name: repositoryNameFromPath(params), username: params.username }),
  { authorize: 'in-service' },
);
