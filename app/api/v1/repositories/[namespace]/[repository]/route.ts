import { parseBody, withApi } from '@/lib/api/with-api';
import { repositoryNameFromPath, updateRepositorySchema } from '@/lib/schemas/repositories';
import { deleteRepository } from '@/lib/services/repositories/delete-repository';
import { getRepository } from '@/lib/services/repositories/get-repository';
import { updateRepository } from '@/lib/services/repositories/update-repository';

type Params = { namespace: string; repository: string };

export const GET = withApi<Params>(async ({ app, actor, params }) => getRepository(app, { actor, name: repositoryNameFromPath(params) }), {
  public: true,
});

export const PATCH = withApi<Params>(async ({ app, actor, req, params }) =>
  updateRepository(app, { actor, name: repositoryNameFromPath(params), data: await parseBody(req, updateRepositorySchema) }),
  { authorize: 'in-service' },
);

export const DELETE = withApi<Params>(async ({ app, actor, params }) => deleteRepository(app, { actor, name: repositoryNameFromPath(params) }), { authorize: 'in-service' });
