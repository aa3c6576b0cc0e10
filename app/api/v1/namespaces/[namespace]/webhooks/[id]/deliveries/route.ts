import { parseQuery, withApi } from '@/lib/api/with-api';
import { listDeliveriesQuerySchema } from '@/lib/schemas/webhooks';
import { listWebhookDeliveries } from '@/lib/services/webhooks/list-webhook-deliveries';
import { namespaceScope } from '@/lib/services/webhooks/require-webhook-scope';

type Params = { namespace: string; id: string };

export const GET = withApi<Params>(async ({ app, actor, params, url }) =>
  listWebhookDeliveries(app, { actor, scope: namespaceScope(params), id: params.id, query: parseQuery(url, listDeliveriesQuerySchema) }),
  { authorize: 'in-service' },
);
