import { withApi } from '@/lib/api/with-api';
import { repositoryNameFromPath } from '@/lib/schemas/repositories';
import { listRepositoryPermissions } from '@/lib/services/permissions/list-repository-permissions';

export const GET = withApi<{ namespace: string; repository: string }>(async ({ app, actor, params }) =>
  listRepositoryPermissions(app, { actor, name: repositoryNameFromPath(params) }),
  { authorize: 'in-service' },
);
