import { pruneBuildCache } from '@/lib/services/builds/prune-build-cache';
import { sweepBuilds } from '@/lib/services/builds/sweep-builds';
import { scheduledGc, sweepGcRuns } from '@/lib/services/gc/sweep-gc-runs';
import { scheduledRetention } from '@/lib/services/retention/run-retention';
import { sweepScanOutbox } from '@/lib/services/scans/sweep-scan-outbox';
import { purgeStaleUploads } from '@/lib/services/uploads/purge-stale-uploads';
import { purgeStaleVulnUploads } from '@/lib/services/vulndb/upload-vuln-import';
import { sweepWebhookOutbox } from '@/lib/services/webhooks/sweep-webhook-outbox';
import type { JobHandler, PeriodicTask } from './define-job';
import { deliverWebhookHandler } from './handlers/deliver-webhook';
import { dispatchWebhookEventHandler } from './handlers/dispatch-webhook-event';
import { rescanImagesHandler } from './handlers/rescan-images';
import { runBuildHandler } from './handlers/run-build';
import { runGcHandler } from './handlers/run-gc';
import { scanImageHandler } from './handlers/scan-image';

// Every kind of background job, and the periodic work (each runs once per period across instances: start-jobs.ts).
export const JOB_HANDLERS: readonly JobHandler[] = [
  dispatchWebhookEventHandler,
  deliverWebhookHandler,
  scanImageHandler,
  rescanImagesHandler,
  runGcHandler,
  runBuildHandler,
] as readonly JobHandler[];

export const PERIODIC_TASKS: readonly PeriodicTask[] = [
  // Enqueues outbox rows a crash left un-enqueued, and prunes old events.
  { name: 'webhook-outbox-sweep', everySeconds: 15, run: sweepWebhookOutbox },
  // Enqueues scans a crash left un-enqueued (older than a few seconds), and fails scans no worker will finish.
  { name: 'scan-outbox-sweep', everySeconds: 10, run: sweepScanOutbox },
  // Enqueues builds a crash left un-enqueued, and fails builds whose worker died mid-build ("interrupted").
  { name: 'build-sweep', everySeconds: 5, run: sweepBuilds },
  // Removes upload sessions and upload bytes untouched for BERTH_UPLOAD_MAX_AGE_HOURS.
  { name: 'upload-purge', everySeconds: 3600, expireInSeconds: 3600, run: async (app) => void (await purgeStaleUploads(app)) },
  // Removes vulnerability-data uploads a killed process left in storage (older than a day).
  { name: 'vulndb-upload-purge', everySeconds: 3600, expireInSeconds: 3600, run: async (app) => void (await purgeStaleVulnUploads(app)) },
  // Sends garbage collection runs left queued; fails runs whose worker died.
  { name: 'gc-run-sweep', everySeconds: 60, run: sweepGcRuns },
  // Retention rules, daily at 02:00 UTC: before the default collection, which then frees what they untagged.
  { name: 'retention', cron: () => '0 2 * * *', expireInSeconds: 3 * 3600, run: scheduledRetention },
  // Garbage collection on BERTH_GC_SCHEDULE (default daily at 03:00 UTC).
  { name: 'gc-schedule', cron: (config) => config.gcSchedule, run: scheduledGc },
  // Cached build layers and base images older than BERTH_BUILD_CACHE_MAX_AGE_DAYS, daily at 04:00 UTC.
  {
    name: 'build-cache-prune',
    cron: () => '0 4 * * *',
    expireInSeconds: 3600,
    run: async (app) => void (await pruneBuildCache(app, { olderThan: new Date(Date.now() - app.config.builds.cacheMaxAgeDays * 86_400_000) })),
  },
];
