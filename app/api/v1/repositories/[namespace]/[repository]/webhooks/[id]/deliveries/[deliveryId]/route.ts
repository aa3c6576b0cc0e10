import { withApi } from '@/lib/api/with-api';
import { getWebhookDelivery } from '@/lib/services/webhooks/get-webhook-delivery';
import { repositoryScope } from '@/lib/services/webhooks/require-webhook-scope';

type Params = { namespace: string; repository: string; id: string; deliveryId: string };

export const GET = withApi<Params>(async ({ app, actor, params }) =>
  getWebhookDelivery(app, { actor, scope: repositoryScope(params), id: params.id, deliveryId: params.deliveryId }),
  { authorize: 'in-service' },
);
