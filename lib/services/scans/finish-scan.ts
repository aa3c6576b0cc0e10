import type { Prisma } from '@/lib/db/client';
import type { SeverityCountsDto } from '@/lib/schemas/scans';
import type { AppContext } from '@/lib/services/context';
import { enqueueWebhookEvents } from '@/lib/services/webhooks/enqueue-webhook-jobs';
import { recordWebhookEvent } from '@/lib/services/webhooks/record-webhook-event';
import type { StoredScanReport } from './scan-dto';

export type ScanOutcome =
  | { status: 'succeeded'; report: StoredScanReport; counts: SeverityCountsDto; secrets: number; layersDone: number; dataUpdatedAt: Date | null }
  | { status: 'failed'; error: string; dataUpdatedAt?: Date | null };

/** What a `scan.completed` event carries in `webhook_events.details`. */
export interface ScanCompletedDetails {
  scanId: string;
  status: 'succeeded' | 'failed';
  counts: SeverityCountsDto | null;
  secrets: number | null;
  error: string | null;
}

/**
 * Records how a scan ended and writes its `scan.completed` webhook event in the same transaction, so the event exists
 * exactly when the result does; the dispatch job is queued after the commit. Only a queued or running scan can finish
 * (a duplicate run finds it finished and changes nothing). Returns whether this call finished it.
 */
export async function finishScan(app: AppContext, scanId: string, outcome: ScanOutcome): Promise<boolean> {
  const eventId = await app.db.$transaction(async (tx) => {
    const data: Prisma.ScanUpdateManyMutationInput =
      outcome.status === 'succeeded'
        ? {
            status: 'succeeded',
            report: outcome.report as unknown as Prisma.InputJsonValue,
            ...outcome.counts,
            secrets: outcome.secrets,
            layersDone: outcome.layersDone,
            dataUpdatedAt: outcome.dataUpdatedAt,
            error: null,
          }
        : { status: 'failed', error: outcome.error, ...(outcome.dataUpdatedAt === undefined ? {} : { dataUpdatedAt: outcome.dataUpdatedAt }) };
    const { count } = await tx.scan.updateMany({ where: { id: scanId, status: { in: ['queued', 'running'] } }, data: { ...data, finishedAt: new Date() } });
    if (count === 0) return null;
    const scan = await tx.scan.findUniqueOrThrow({
      where: { id: scanId },
      select: {
        tag: true,
        manifestDigest: true,
        requestedBy: true,
        repository: { select: { id: true, name: true, namespaceId: true, visibility: true } },
      },
    });
    const manifest = await tx.manifest.findUnique({
      where: { repositoryId_digest: { repositoryId: scan.repository.id, digest: scan.manifestDigest } },
      select: { mediaType: true },
    });
    const details: ScanCompletedDetails = {
      scanId,
      status: outcome.status,
      counts: outcome.status === 'succeeded' ? outcome.counts : null,
      secrets: outcome.status === 'succeeded' ? outcome.secrets : null,
      error: outcome.status === 'failed' ? outcome.error : null,
    };
    return recordWebhookEvent(tx, {
      type: 'scan.completed',
      repository: scan.repository,
      tag: scan.tag ?? '',
      digest: scan.manifestDigest,
      mediaType: manifest?.mediaType ?? null,
      size: null,
      pushedAt: null,
      operator: scan.requestedBy,
      details: details as unknown as Record<string, unknown>,
    });
  });
  if (!eventId) return false;
  await enqueueWebhookEvents(app, [eventId]);
  return true;
}
