import { parseQuery, withApi } from '@/lib/api/with-api';
import { repositoryNameFromPath } from '@/lib/schemas/repositories';
import { listEventsQuerySchema } from '@/lib/schemas/webhooks';
import { listRepositoryEvents } from '@/lib/services/webhooks/list-repository-events';

export const GET = withApi<{ namespace: string; repository: string }>(async ({ app, actor, params, url }) =>
  listRepositoryEvents(app, { actor, repository: repositoryNameFromPath(params), query: parseQuery(url, listEventsQuerySchema) }),
  { authorize: 'in-service' },
);
