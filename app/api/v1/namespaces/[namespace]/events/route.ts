import { parseQuery, withApi } from '@/lib/api/with-api';
import { listEventsQuerySchema } from '@/lib/schemas/webhooks';
import { listNamespaceEvents } from '@/lib/services/webhooks/list-namespace-events';

export const GET = withApi<{ namespace: string }>(async ({ app, actor, params, url }) =>
  listNamespaceEvents(app, { actor, namespace: params.namespace, query: parseQuery(url, listEventsQuerySchema) }),
  { authorize: 'in-service' },
);
