import type { AppContext } from '@/lib/services/context';
import { collectBlobs } from './collect-blobs';
import { collectManifests } from './collect-manifests';
import { collectOrphanFiles } from './collect-orphan-files';
import { auditResource } from '@/lib/services/access/audit-resource';

/**
 * Runs one garbage collection (a `gc_runs` row, queued): online, while pushes and pulls go on, on any instance.
 * 1. With `deleteUntagged`: untagged manifests nothing keeps (collect-manifests.ts).
 * 2. Links from repositories to blobs none of their manifests references, then blobs no repository links and no
 *    manifest references, in the database and in storage (collect-blobs.ts).
 * 3. Blob files no database row records (collect-orphan-files.ts).
 * Nothing created after `start − gracePeriod` is touched; the per-object locks in gc-locks.ts settle races with
 * pushes. A run that finds its row no longer queued (another worker took it) does nothing.
 */
export async function runGc(
  app: AppContext,
  runId: string,
  /** Told how long each step took (manifests, blobs, unrecorded files): for the benchmark and logs. */
  opts: { onStep?: (step: 'manifests' | 'blobs' | 'files', ms: number) => void } = {},
): Promise<void> {
  const started = new Date();
  const { count } = await app.db.gcRun.updateMany({ where: { id: runId, status: 'queued' }, data: { status: 'running', startedAt: started } });
  if (count === 0) return;
  const run = await app.db.gcRun.findUniqueOrThrow({ where: { id: runId } });
  const cutoff = new Date(started.getTime() - run.gracePeriodSeconds * 1000);
  const { dryRun } = run;
  try {
    let manifestsDeleted = 0;
    let deadManifestIds: string[] = [];
    let stepStart = performance.now();
    const stepDone = (step: 'manifests' | 'blobs' | 'files') => {
      opts.onStep?.(step, performance.now() - stepStart);
      stepStart = performance.now();
    };
    if (run.deleteUntagged) {
      const onProgress = async (n: number) => void (await app.db.gcRun.update({ where: { id: runId }, data: { manifestsDeleted: n } }));
      const manifests = await collectManifests(app.db, { cutoff, dryRun, onProgress });
      manifestsDeleted = manifests.deleted;
      deadManifestIds = manifests.wouldDelete;
    }
    stepDone('manifests');
    const blobs = await collectBlobs(app.db, app.storage, { cutoff, dryRun, deadManifestIds, runId });
    stepDone('blobs');
    const orphans = await collectOrphanFiles(app.db, app.storage, { cutoff, dryRun });
    stepDone('files');
    const errors = [...blobs.errors, ...orphans.errors].slice(0, 100);
    const finished = await app.db.gcRun.update({
      where: { id: runId },
      data: {
        status: 'succeeded',
        manifestsDeleted,
        blobsDeleted: blobs.blobs + orphans.blobs,
        bytesFreed: blobs.bytes + orphans.bytes,
        errors,
        finishedAt: new Date(),
      },
    });
    if (!dryRun) {
      // What the collector removed, under the name of whoever asked (the schedule is "system").
      await app.db.auditEvent.create({
        data: {
          actorName: run.requestedBy,
          action: 'cr:ManageStorage',
          ...auditResource(app, { kind: 'gc-run', id: runId }),
          outcome: 'allowed',
          via: 'api',
          detail: { op: 'gc', manifestsDeleted, blobsDeleted: finished.blobsDeleted, bytesFreed: Number(finished.bytesFreed) },
        },
      }).catch((err: Error) => console.error(`[berth] audit write failed: ${err.message}`));
    }
  } catch (err) {
    await app.db.gcRun.update({
      where: { id: runId },
      data: { status: 'failed', errors: [`the run stopped: ${(err as Error)?.message ?? err}`], finishedAt: new Date() },
    });
    throw err;
  }
}
