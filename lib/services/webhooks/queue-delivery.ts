import type { Prisma } from '@/lib/db/client';
import type { DeliveryDto } from '@/lib/schemas/webhooks';
import type { AppContext } from '@/lib/services/context';
import { DELIVERY_DTO_INCLUDE, toDeliveryDto } from './delivery-dto';
import { enqueuePendingDeliveries } from './enqueue-webhook-jobs';

/** Stores a delivery asked for by hand (a test or a redelivery) and queues its first attempt. */
export async function queueDelivery(app: AppContext, data: Prisma.WebhookDeliveryUncheckedCreateInput): Promise<DeliveryDto> {
  const created = await app.db.webhookDelivery.create({ data, include: DELIVERY_DTO_INCLUDE });
  // After the commit; without a queue in this process a worker's sweeper picks the delivery up.
  await enqueuePendingDeliveries(app, { id: created.id });
  return toDeliveryDto(created);
}
