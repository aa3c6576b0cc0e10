import type { Prisma } from '@/lib/db/client';
import type { AppContext } from '@/lib/services/context';
import { buildDeliveryHeaders, maskHeaders } from '@/lib/webhooks/delivery-headers';
import { postWebhook } from '@/lib/webhooks/post-webhook';
import { formatOf, headersOf } from './webhook-dto';

/** Thrown after a failed attempt that will be retried: the job queue schedules the retry. */
export class DeliveryAttemptFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryAttemptFailedError';
  }
}

/**
 * The delivery job: one attempt, recorded with its request and response. Success, a refusal (a private target
 * while those are not allowed: retrying cannot help) or the last attempt end the delivery; any other failure throws
 * so the queue retries it with backoff. URL, secret and headers are the webhook's current ones; the body is fixed.
 */
export async function attemptWebhookDelivery(app: AppContext, input: { deliveryId: string; isLastAttempt: boolean }): Promise<void> {
  const delivery = await app.db.webhookDelivery.findUnique({
    where: { id: input.deliveryId },
    include: { webhook: true, _count: { select: { attempts: true } } },
  });
  if (!delivery || delivery.status !== 'pending') return;
  const { webhook } = delivery;
  // Disabling a webhook stops its retries; a test delivery is sent anyway (testing before enabling is the point).
  if (!webhook.enabled && delivery.kind !== 'test') {
    await app.db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'cancelled', completedAt: new Date() } });
    return;
  }
  const number = delivery._count.attempts + 1;
  const startedAt = new Date();
  const headers = buildDeliveryHeaders({
    deliveryId: delivery.id,
    eventType: delivery.eventType,
    sentAt: startedAt,
    body: delivery.body,
    format: formatOf(delivery.format),
    secret: webhook.secret,
    extra: headersOf(webhook),
  });
  const result = await postWebhook({ url: webhook.url, headers, body: delivery.body, allowPrivate: app.config.webhooks.allowPrivate });
  const final = result.outcome !== 'failed' || input.isLastAttempt || number >= delivery.maxAttempts;
  const attempt = app.db.webhookDeliveryAttempt.create({
    data: {
      deliveryId: delivery.id,
      number,
      startedAt,
      durationMs: result.durationMs,
      outcome: result.outcome,
      url: webhook.url,
      statusCode: result.statusCode,
      error: result.error,
      requestHeaders: maskHeaders(headers) as Prisma.InputJsonValue,
      requestBody: delivery.body,
      responseBody: result.responseBody,
    },
  });
  if (final) {
    const close = app.db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: result.outcome, completedAt: new Date() } });
    await app.db.$transaction([attempt, close]);
    return;
  }
  await attempt;
  throw new DeliveryAttemptFailedError(`delivery ${delivery.id} attempt ${number}: ${result.error}`);
}
