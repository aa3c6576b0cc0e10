import type { Prisma } from '@/lib/db/client';
import { SCAN_DTO_SELECT, type ScanRow } from './scan-dto';

export interface ScanRequest {
  repositoryId: string;
  manifestDigest: string;
  tag: string;
  trigger: 'manual' | 'push' | 'rescan';
  /** Username of who asked (or pushed). */
  requestedBy: string;
}

/**
 * Inside the caller's transaction: the queued or running scan of this image if there is one, else a new queued scan.
 * A transaction-scoped advisory lock on (repository, digest) makes two requests at once agree on one scan. The job is
 * queued by the caller after the commit (enqueueScans), or by the sweeper.
 */
export async function createScanRow(tx: Prisma.TransactionClient, input: ScanRequest): Promise<{ scan: ScanRow; created: boolean }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`scan:${input.repositoryId}:${input.manifestDigest}`}, 0))`;
  const active = await tx.scan.findFirst({
    where: { repositoryId: input.repositoryId, manifestDigest: input.manifestDigest, status: { in: ['queued', 'running'] } },
    orderBy: { createdAt: 'desc' },
    select: SCAN_DTO_SELECT,
  });
  if (active) return { scan: active, created: false };
  const scan = await tx.scan.create({
    data: {
      repositoryId: input.repositoryId,
      manifestDigest: input.manifestDigest,
      tag: input.tag,
      trigger: input.trigger,
      requestedBy: input.requestedBy,
      status: 'queued',
    },
    select: SCAN_DTO_SELECT,
  });
  return { scan, created: true };
}
