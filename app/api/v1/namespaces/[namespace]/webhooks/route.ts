import { parseBody, withApi } from '@/lib/api/with-api';
import { createWebhookSchema } from '@/lib/schemas/webhooks';
import { createWebhook } from '@/lib/services/webhooks/create-webhook';
import { listWebhooks } from '@/lib/services/webhooks/list-webhooks';
import { namespaceScope } from '@/lib/services/webhooks/require-webhook-scope';

type Params = { namespace: string };

export const GET = withApi<Params>(async ({ app, actor, params }) => listWebhooks(app, { actor, scope: namespaceScope(params) }), { authorize: 'in-service' });

export const POST = withApi<Params>(
  async ({ app, actor, params, req }) => createWebhook(app, { actor, scope: namespaceScope(params), data: await parseBody(req, createWebhookSchema) }),
  { authorize: 'in-service', status: 201 },
);
