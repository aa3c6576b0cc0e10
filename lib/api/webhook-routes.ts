import { parseBody, parseQuery, withApi } from '@/lib/api/with-api';
import { createWebhookSchema, listDeliveriesQuerySchema, updateWebhookSchema } from '@/lib/schemas/webhooks';
import { createWebhook } from '@/lib/services/webhooks/create-webhook';
import { deleteWebhook } from '@/lib/services/webhooks/delete-webhook';
import { getWebhook } from '@/lib/services/webhooks/get-webhook';
import { getWebhookDelivery } from '@/lib/services/webhooks/get-webhook-delivery';
import { listWebhookDeliveries } from '@/lib/services/webhooks/list-webhook-deliveries';
import { listWebhooks } from '@/lib/services/webhooks/list-webhooks';
import { redeliverWebhookDelivery } from '@/lib/services/webhooks/redeliver-webhook-delivery';
import { namespaceScope, repositoryScope, type WebhookScopeRef } from '@/lib/services/webhooks/require-webhook-scope';
import { sendTestWebhookEvent } from '@/lib/services/webhooks/send-test-webhook-event';
import { updateWebhook } from '@/lib/services/webhooks/update-webhook';

/**
 * The webhook API's handlers for one kind of scope. Repository webhooks (`/repositories/{namespace}/{repository}/
 * webhooks…`) and namespace webhooks (`/namespaces/{namespace}/webhooks…`) are the same API over a different scope,
 * so both sets of route files export these, and the services authorize each call in its scope.
 */
function webhookRoutes<P>(scopeOf: (params: P) => WebhookScopeRef) {
  type WithId = P & { id: string };
  type WithDelivery = WithId & { deliveryId: string };
  return {
    /** `…/webhooks` */
    webhooks: {
      GET: withApi<P>(async ({ app, actor, params }) => listWebhooks(app, { actor, scope: scopeOf(params) }), { authorize: 'in-service' }),
      POST: withApi<P>(
        async ({ app, actor, params, req }) => createWebhook(app, { actor, scope: scopeOf(params), data: await parseBody(req, createWebhookSchema) }),
        { authorize: 'in-service', status: 201 },
      ),
    },
    /** `…/webhooks/{id}` */
    webhook: {
      GET: withApi<WithId>(async ({ app, actor, params }) => getWebhook(app, { actor, scope: scopeOf(params), id: params.id }), { authorize: 'in-service' }),
      PATCH: withApi<WithId>(
        async ({ app, actor, params, req }) => updateWebhook(app, { actor, scope: scopeOf(params), id: params.id, data: await parseBody(req, updateWebhookSchema) }),
        { authorize: 'in-service' },
      ),
      DELETE: withApi<WithId>(async ({ app, actor, params }) => deleteWebhook(app, { actor, scope: scopeOf(params), id: params.id }), { authorize: 'in-service' }),
    },
    /** `…/webhooks/{id}/test`: 202, the test delivery is queued; its attempt appears in the delivery list. */
    test: {
      POST: withApi<WithId>(async ({ app, actor, params }) => sendTestWebhookEvent(app, { actor, scope: scopeOf(params), id: params.id }), {
        authorize: 'in-service',
        status: 202,
      }),
    },
    /** `…/webhooks/{id}/deliveries` */
    deliveries: {
      GET: withApi<WithId>(
        async ({ app, actor, params, url }) =>
          listWebhookDeliveries(app, { actor, scope: scopeOf(params), id: params.id, query: parseQuery(url, listDeliveriesQuerySchema) }),
        { authorize: 'in-service' },
      ),
    },
    /** `…/webhooks/{id}/deliveries/{deliveryId}` */
    delivery: {
      GET: withApi<WithDelivery>(
        async ({ app, actor, params }) => getWebhookDelivery(app, { actor, scope: scopeOf(params), id: params.id, deliveryId: params.deliveryId }),
        { authorize: 'in-service' },
      ),
    },
    /** `…/webhooks/{id}/deliveries/{deliveryId}/redeliver`: 202, the new delivery is queued. */
    redeliver: {
      POST: withApi<WithDelivery>(
        async ({ app, actor, params }) => redeliverWebhookDelivery(app, { actor, scope: scopeOf(params), id: params.id, deliveryId: params.deliveryId }),
        { authorize: 'in-service', status: 202 },
      ),
    },
  };
}

export const repositoryWebhookRoutes = webhookRoutes<{ namespace: string; repository: string }>(repositoryScope);
export const namespaceWebhookRoutes = webhookRoutes<{ namespace: string }>(namespaceScope);
