import type { Readable } from 'node:stream';
import type { PlatformReportDto } from '@/lib/schemas/scans';
import { ScanError } from '@/lib/scans/scan-error';
import { scanImage } from '@/lib/scans/scan-image';
import type { ScanReport } from '@/lib/scans/scan-report';
import type { AppContext } from '@/lib/services/context';
import { createDbVulnIndex } from '@/lib/services/vulndb/db-vuln-index';
import { vulnDataUpdatedAt } from '@/lib/services/vulndb/vuln-data-updated-at';
import { blobKey } from '@/lib/storage/keys';
import { StorageNotFoundError } from '@/lib/storage/driver';
import { describeScanFailure } from './describe-scan-failure';
import { finishScan } from './finish-scan';
import { loadScanTargets, type ScanTarget } from './load-scan-targets';
import { createScanProgress } from './scan-progress';
import { summarizePlatforms } from './summarize-platforms';

/** Storage that failed to answer (not a missing blob): worth a retry, unlike a corrupt image. */
class StorageUnavailableError extends Error {}

/**
 * The scan job: reads every layer of every platform from storage as streams, matches the packages against the
 * vulnerability data in the database, and records the report (or why the image cannot be scanned) with its
 * `scan.completed` webhook event. A corrupt or incomplete image fails the scan and returns (no retry); anything else
 * (the database or storage unavailable) throws, so the queue retries the scan, from the start.
 */
export async function runScan(app: AppContext, scanId: string): Promise<void> {
  const scan = await app.db.scan.findUnique({ where: { id: scanId }, select: { status: true, repositoryId: true, manifestDigest: true } });
  // Gone with its repository, or finished by an earlier run of this job.
  if (!scan || (scan.status !== 'queued' && scan.status !== 'running')) return;

  let targets: ScanTarget[];
  try {
    targets = await loadScanTargets(app, { repositoryId: scan.repositoryId, digest: scan.manifestDigest });
  } catch (err) {
    if (!(err instanceof ScanError)) throw err;
    await finishScan(app, scanId, { status: 'failed', error: err.message });
    return;
  }
  const layersTotal = targets.reduce((n, t) => n + t.layers.length, 0);
  // A retry after a crash starts over: progress and start time are those of this run.
  const { count } = await app.db.scan.updateMany({
    where: { id: scanId, status: { in: ['queued', 'running'] } },
    data: { status: 'running', startedAt: new Date(), layersTotal, layersDone: 0, error: null },
  });
  if (count === 0) return;

  const dataUpdatedAt = await vulnDataUpdatedAt(app);
  const index = createDbVulnIndex(app);
  const progress = createScanProgress(app, scanId);
  const platforms: PlatformReportDto[] = [];
  try {
    let offset = 0;
    for (const target of targets) {
      const base = offset;
      let report: ScanReport;
      try {
        report = await scanImage({
          layers: target.layers.map((l) => ({ digest: l.digest, mediaType: l.mediaType, open: () => openLayer(app, l.digest) })),
          index,
          onProgress: (done) => progress.report(base + done),
        });
      } catch (err) {
        if (!(err instanceof ScanError) || err.cause instanceof StorageUnavailableError) throw err;
        await progress.close();
        await finishScan(app, scanId, { status: 'failed', error: describeScanFailure(err, target, targets.length > 1), dataUpdatedAt });
        return;
      }
      platforms.push(toPlatformReport(target, report));
      offset += target.layers.length;
    }
  } finally {
    await progress.close();
  }
  const { counts, secrets } = summarizePlatforms(platforms);
  await finishScan(app, scanId, { status: 'succeeded', report: { platforms }, counts, secrets, layersDone: layersTotal, dataUpdatedAt });
}

async function openLayer(app: AppContext, digest: string): Promise<Readable> {
  try {
    return await app.storage.read(blobKey(digest));
  } catch (err) {
    if (err instanceof StorageNotFoundError) throw new Error('the blob is missing from storage');
    throw new StorageUnavailableError(`storage: ${(err as Error)?.message ?? err}`, { cause: err });
  }
}

function toPlatformReport(target: ScanTarget, report: ScanReport): PlatformReportDto {
  return {
    platform: target.platform,
    manifestDigest: target.manifestDigest,
    layers: target.layers.map((l) => l.digest),
    ...(report.os ? { os: report.os } : {}),
    packages: report.packages,
    vulnerabilities: report.vulnerabilities,
    secrets: report.secrets,
    ecosystemsWithoutData: report.ecosystemsWithoutData,
    warnings: [...target.warnings, ...report.warnings],
    stats: { layers: report.stats.layers, entries: report.stats.entries, bytesAnalyzed: report.stats.bytesAnalyzed, durationMs: report.stats.durationMs },
  };
}
