import { randomUUID } from 'node:crypto';
import type { DeliveryDto } from '@/lib/schemas/webhooks';
import { actorName, type Actor, type AppContext } from '@/lib/services/context';
import { recordAllowedChange } from '@/lib/services/audit/record-allowed-change';
import { serializePayload } from '@/lib/webhooks/build-payload';
import { TEST_EVENT } from '@/lib/webhooks/event-types';
import { payloadContext } from './event-data';
import { findWebhook } from './find-webhook';
import { queueDelivery } from './queue-delivery';
import { requireWebhookScope, scopeTarget, type WebhookScopeRef } from './require-webhook-scope';
import { formatOf } from './webhook-dto';

const PLACEHOLDER_DIGEST = `sha256:${'0'.repeat(64)}`;

/**
 * Queues a `webhook.test` delivery: a push-shaped payload (tag `latest`, an all-zero digest) in the webhook's format,
 * signed like any other, sent once (no retries) whether or not the webhook is enabled or its trigger would match.
 */
export async function sendTestWebhookEvent(app: AppContext, input: { actor: Actor; scope: WebhookScopeRef; id: string }): Promise<DeliveryDto> {
  const { actor } = input;
  const scope = await requireWebhookScope(app, { actor, scope: input.scope, action: 'cr:UpdateWebhook' });
  const webhook = await findWebhook(app, scope, input.id);
  const repository = scope.repositoryName ?? `${scope.namespaceName}/webhook-test`;
  const now = new Date();
  const format = formatOf(webhook.format);
  const body = serializePayload(
    format,
    {
      id: randomUUID(),
      type: TEST_EVENT,
      occurredAt: now,
      operator: actorName(actor),
      repository,
      visibility: scope.visibility === 'PUBLIC' ? 'public' : 'private',
      tag: 'latest',
      digest: PLACEHOLDER_DIGEST,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      size: 0,
      pushedAt: now,
    },
    payloadContext(app, repository),
  );
  const data = { webhookId: webhook.id, eventId: null, eventType: TEST_EVENT, kind: 'test', body, format, maxAttempts: 1 };
  const delivery = await queueDelivery(app, data);
  await recordAllowedChange(app, {
    actor,
    action: 'cr:UpdateWebhook',
    target: scopeTarget(scope),
    detail: { webhook: webhook.id, op: 'test' },
  });
  return delivery;
}
