import {
  createWebhookSchema,
  deliveryPageSchema,
  deliverySchema,
  listDeliveriesQuerySchema,
  listEventsQuerySchema,
  repositoryEventPageSchema,
  updateWebhookSchema,
  webhookListSchema,
  webhookSchema,
} from '@/lib/schemas/webhooks';
import type { ApiOperation } from '../operation';

const REPO = '/api/v1/repositories/{namespace}/{repository}';
const NS = '/api/v1/namespaces/{namespace}';

// Deliveries are POSTs of JSON (or CloudEvents 1.0 structured JSON) with X-Berth-Delivery, X-Berth-Event,
// X-Berth-Timestamp and, with a secret, X-Berth-Signature: sha256=<hex HMAC-SHA256 of the raw body>.
const SIGNING = 'With a secret, each request carries `X-Berth-Signature: sha256=<hex>`, an HMAC-SHA256 of the raw body.';

/** The same operations on a repository's webhooks and on a namespace's namespace-wide webhooks. */
function scopedOperations(base: string, tag: string, what: string): ApiOperation[] {
  const one = `${base}/webhooks/{id}`;
  return [
    { method: 'get', path: `${base}/webhooks`, summary: `List ${what} webhooks`, tag, action: 'cr:ListWebhook', response: webhookListSchema },
    { method: 'post', path: `${base}/webhooks`, summary: `Create a ${what} webhook (the secret is write-only). ${SIGNING}`, tag, action: 'cr:CreateWebhook', body: createWebhookSchema, response: webhookSchema, status: 201 },
    { method: 'get', path: one, summary: `Get a ${what} webhook (\`hasSecret\`, never the secret)`, tag, action: 'cr:GetWebhook', response: webhookSchema },
    { method: 'patch', path: one, summary: `Change a ${what} webhook; \`secret: null\` removes the secret`, tag, action: 'cr:UpdateWebhook', body: updateWebhookSchema, response: webhookSchema },
    { method: 'delete', path: one, summary: `Delete a ${what} webhook and its deliveries`, tag, action: 'cr:DeleteWebhook', status: 204 },
    { method: 'get', path: `${one}/deliveries`, summary: 'List deliveries with every attempt (request, status, response excerpt), newest first', tag, action: 'cr:GetWebhook', query: listDeliveriesQuerySchema, response: deliveryPageSchema },
    { method: 'get', path: `${one}/deliveries/{deliveryId}`, summary: 'Get one delivery with every attempt (as in the delivery list)', tag, action: 'cr:GetWebhook', response: deliverySchema },
    { method: 'post', path: `${one}/deliveries/{deliveryId}/redeliver`, summary: 'Send a delivery again, as a new delivery', tag, action: 'cr:UpdateWebhook', response: deliverySchema, status: 202 },
    { method: 'post', path: `${one}/test`, summary: 'Queue a `webhook.test` delivery (sent once, whatever the trigger)', tag, action: 'cr:UpdateWebhook', response: deliverySchema, status: 202 },
  ];
}

export const webhookOperations: ApiOperation[] = [
  ...scopedOperations(REPO, 'webhooks', 'repository'),
  ...scopedOperations(NS, 'webhooks', 'namespace-wide'),
  {
    method: 'get',
    path: `${REPO}/events`,
    summary: 'Recent push and tag-delete events, each with the webhooks it fired and those it did not (untriggered, with the reason)',
    tag: 'webhooks',
    action: 'cr:ListWebhook',
    query: listEventsQuerySchema,
    response: repositoryEventPageSchema,
  },
  {
    method: 'get',
    path: `${NS}/events`,
    summary:
      'Recent events across the namespace\'s repositories, newest first, each with its repository and the webhooks it fired and did not. Only repositories whose webhooks the caller may list (`cr:ListWebhook` there) are included',
    tag: 'webhooks',
    action: 'cr:ListWebhook',
    query: listEventsQuerySchema,
    response: repositoryEventPageSchema,
  },
];
