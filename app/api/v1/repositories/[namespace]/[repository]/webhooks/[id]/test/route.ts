import { withApi } from '@/lib/api/with-api';
import { repositoryScope } from '@/lib/services/webhooks/require-webhook-scope';
import { sendTestWebhookEvent } from '@/lib/services/webhooks/send-test-webhook-event';

type Params = { namespace: string; repository: string; id: string };

// 202: the test delivery is queued; its attempt appears in the delivery list.
export const POST = withApi<Params>(async ({ app, actor, params }) => sendTestWebhookEvent(app, { actor, scope: repositoryScope(params), id: params.id }), {
  authorize: 'in-service', status: 202,
});
