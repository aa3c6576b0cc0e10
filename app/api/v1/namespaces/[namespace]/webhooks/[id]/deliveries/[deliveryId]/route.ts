import { withApi } from '@/lib/api/with-api';
import { getWebhookDelivery } from '@/lib/services/webhooks/get-webhook-delivery';
import { namespaceScope } from '@/lib/services/webhooks/require-webhook-scope';

type Params = { namespace: string; id: string; deliveryId: string };

export const GET = withApi<Params>(async ({ app, actor, params }) =>
  getWebhookDelivery(app, { actor, scope: namespaceScope(params), id: params.id, deliveryId: params.deliveryId }),
  { authorize: 'in-service' },
);
