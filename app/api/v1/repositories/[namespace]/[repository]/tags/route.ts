import { parseQuery, withApi } from '@/lib/api/with-api';
import { listTagsQuerySchema, repositoryNameFromPath } from '@/lib/schemas/repositories';
import { listTags } from '@/lib/services/tags/list-tags';

export const GET = withApi<{ namespace: string; repository: string }>(
  async ({ app, actor, url, params }) => listTags(app, { actor, name: repositoryNameFromPath(params), query: parseQuery(url, listTagsQuerySchema) }),
  { public: true },
);
