import { withApi } from '@/lib/api/with-api';
import { redeliverWebhookDelivery } from '@/lib/services/webhooks/redeliver-webhook-delivery';
import { namespaceScope } from '@/lib/services/webhooks/require-webhook-scope';

type Params = { namespace: string; id: string; deliveryId: string };

// 202: the new delivery is queued; its attempts appear in the delivery list.
export const POST = withApi<Params>(
  async ({ app, actor, params }) => redeliverWebhookDelivery(app, { actor, scope: namespaceScope(params), id: params.id, deliveryId: params.deliveryId }),
  { authorize: 'in-service', status: 202 },
);
