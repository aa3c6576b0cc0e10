import { parseBody, withApi } from '@/lib/api/with-api';
import { updateWebhookSchema } from '@/lib/schemas/webhooks';
import { deleteWebhook } from '@/lib/services/webhooks/delete-webhook';
import { getWebhook } from '@/lib/services/webhooks/get-webhook';
import { repositoryScope } from '@/lib/services/webhooks/require-webhook-scope';
import { updateWebhook } from '@/lib/services/webhooks/update-webhook';

type Params = { namespace: string; repository: string; id: string };

export const GET = withApi<Params>(async ({ app, actor, params }) => getWebhook(app, { actor, scope: repositoryScope(params), id: params.id }), { authorize: 'in-service' });

export const PATCH = withApi<Params>(async ({ app, actor, params, req }) =>
  updateWebhook(app, { actor, scope: repositoryScope(params), id: params.id, data: await parseBody(req, updateWebhookSchema) }),
  { authorize: 'in-service' },
);

export const DELETE = withApi<Params>(async ({ app, actor, params }) => deleteWebhook(app, { actor, scope: repositoryScope(params), id: params.id }), { authorize: 'in-service' });
