import { parseBody, parseQuery, withApi } from '@/lib/api/with-api';
import { createRepositorySchema, listRepositoriesQuerySchema } from '@/lib/schemas/repositories';
import { createRepository } from '@/lib/services/repositories/create-repository';
import { listRepositories } from '@/lib/services/repositories/list-repositories';

export const GET = withApi(
  async ({ app, actor, url }) => listRepositories(app, { actor, query: parseQuery(url, listRepositoriesQuerySchema) }),
  { public: true },
);

export const POST = withApi(
  async ({ app, actor, req }) => createRepository(app, { actor, data: await parseBody(req, createRepositorySchema) }),
  { authorize: 'in-service', status: 201 },
);
