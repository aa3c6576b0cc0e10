import type { Prisma } from '@/lib/db/client';
import type { WebhookEventType } from '@/lib/webhooks/event-types';

export interface WebhookEventInput {
  type: WebhookEventType;
  repository: { id: string; name: string; namespaceId: string; visibility: 'PUBLIC' | 'PRIVATE' };
  tag: string;
  digest: string | null;
  mediaType: string | null;
  size: number | null;
  pushedAt: Date | null;
  operator: string;
  occurredAt?: Date;
  /** Event-specific data beyond the push fields (scan.completed: the scan's outcome). */
  details?: Record<string, unknown>;
}

/**
 * Writes an event to the outbox, inside the caller's transaction: the event exists exactly when the change it
 * describes committed. After the commit, enqueueWebhookEvents queues its job; if the process dies first, the outbox
 * sweeper does. Returns the event id.
 */
export async function recordWebhookEvent(tx: Prisma.TransactionClient, input: WebhookEventInput): Promise<string> {
  const row = await tx.webhookEvent.create({
    data: {
      repositoryId: input.repository.id,
      namespaceId: input.repository.namespaceId,
      repositoryName: input.repository.name,
      visibility: input.repository.visibility,
      type: input.type,
      tag: input.tag,
      digest: input.digest,
      mediaType: input.mediaType,
      size: input.size === null ? null : BigInt(input.size),
      pushedAt: input.pushedAt,
      operator: input.operator,
      occurredAt: input.occurredAt ?? new Date(),
      details: input.details as Prisma.InputJsonValue | undefined,
    },
    select: { id: true },
  });
  return row.id;
}
